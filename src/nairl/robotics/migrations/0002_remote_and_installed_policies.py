"""Policies become remote (a server the hub connects to) or installed (from an allow-list).

A stored entry point of a reference policy becomes that policy's name; any other is kept as the
installed name, which is on no allow-list, so it can no longer run (its team registers its
server instead). Stored messages lose the server paths they showed (e.g. a missing baseline).
"""

import re

from django.db import migrations, models

import nairl.robotics.installed

REFERENCE = {
    "nairl.robotics.harness.reference:make_random_policy": "random",
    "nairl.robotics.harness.reference:make_expert_policy": "expert",
    "nairl.robotics.harness.baseline:make_policy": "baseline",
}
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^/\s'\"<>]+/)+([^/\s'\"<>]*)")


def installed_from_entry_points(apps, schema_editor):
    RobotPolicy = apps.get_model("robotics", "RobotPolicy")
    for policy in RobotPolicy.objects.all():
        policy.kind = "installed"
        policy.installed = REFERENCE.get(policy.entry_point, policy.entry_point)[:100]
        policy.save(update_fields=["kind", "installed"])


def forget_server_paths(apps, schema_editor):
    Evaluation = apps.get_model("robotics", "Evaluation")
    for evaluation in Evaluation.objects.exclude(message="", error_examples=[]):
        evaluation.message = ABSOLUTE_PATH.sub(r"…/\1", evaluation.message)
        evaluation.error_examples = [
            {**example, "error": ABSOLUTE_PATH.sub(r"…/\1", str(example.get("error", "")))}
            for example in evaluation.error_examples
        ]
        evaluation.save(update_fields=["message", "error_examples"])


class Migration(migrations.Migration):
    dependencies = [("robotics", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="robotpolicy",
            name="kind",
            field=models.CharField(
                choices=[
                    ("remote", "Remote: runs on the team's policy server"),
                    ("installed", "Installed on the hub by an administrator"),
                ],
                default="remote",
                max_length=10,
                verbose_name="where it runs",
            ),
        ),
        migrations.AddField(
            model_name="robotpolicy",
            name="server_url",
            field=models.CharField(
                blank=True,
                help_text="Websocket address of the team's policy server, which speaks openpi's protocol (openpi's serve_policy, or `nairl robotics serve-policy`). Shown to the team only.",
                max_length=300,
                validators=[nairl.robotics.installed.validate_server_url],
                verbose_name="policy server",
            ),
        ),
        migrations.AddField(
            model_name="robotpolicy",
            name="installed",
            field=models.CharField(
                blank=True,
                help_text="One of the policies an administrator has installed on the hub.",
                max_length=100,
                validators=[nairl.robotics.installed.validate_installed],
                verbose_name="installed policy",
            ),
        ),
        migrations.RunPython(installed_from_entry_points, migrations.RunPython.noop),
        migrations.RemoveField(model_name="robotpolicy", name="entry_point"),
        migrations.RunPython(forget_server_paths, migrations.RunPython.noop),
    ]
