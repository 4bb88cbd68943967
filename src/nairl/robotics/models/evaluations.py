from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.jobs import BackgroundJob
from nairl.robotics.capabilities import capability_label

MAX_EPISODES = 500
MAX_WORKERS = 16


class Evaluation(BackgroundJob):
    """One run of the harness: a policy on a suite, queued, then its stored results (the
    status, progress, reason of a failure and times come with every background job)."""

    task = "nairl.robotics.tasks.run_evaluation"
    status_url_name = "robotics:evaluation-status"

    policy = models.ForeignKey(
        "robotics.RobotPolicy",
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("policy"),
    )
    suite = models.CharField(_("suite"), max_length=60)
    episodes_per_task = models.PositiveIntegerField(
        _("episodes per task"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EPISODES)],
    )
    seed = models.PositiveIntegerField(
        _("first seed"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the suite's held-out seeds (comparable with other entries)."),
    )
    episode_length = models.PositiveIntegerField(
        _("steps per episode"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for the suite's own length."),
    )
    tasks = models.JSONField(
        _("tasks"),
        default=list,
        blank=True,
        help_text=_("A subset of the suite's tasks; empty for all."),
    )
    workers = models.PositiveSmallIntegerField(
        _("workers"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_WORKERS)]
    )
    # Results, filled when the run ends.
    suite_hash = models.CharField(_("suite hash"), max_length=64, blank=True, db_index=True)
    versions = models.JSONField(_("versions"), default=dict, blank=True)
    overall_mean = models.FloatField(_("overall score"), null=True, blank=True)
    overall_low = models.FloatField(null=True, blank=True)
    overall_high = models.FloatField(null=True, blank=True)
    overall_n = models.FloatField(null=True, blank=True)
    episodes_total = models.PositiveIntegerField(_("episodes"), default=0)
    failed_episodes = models.PositiveIntegerField(_("failed episodes"), default=0)
    error_examples = models.JSONField(_("error examples"), default=list, blank=True)
    duration = models.FloatField(_("duration (s)"), null=True, blank=True)
    report = models.JSONField(_("full report"), null=True, blank=True)

    audit_exclude = (*BackgroundJob.audit_exclude, "report", "error_examples", "versions")

    # Columns a list shows; the big JSON stays in the database on list paths.
    LIST_DEFERRED = ("report", "error_examples", "versions", "error")

    class Meta(BackgroundJob.Meta):
        indexes = [models.Index(fields=["suite", "status", "suite_hash"])]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"#{self.pk} {self.suite}"

    def get_absolute_url(self):
        return reverse("robotics:evaluation", args=[self.pk])


class CapabilityScore(models.Model):
    """Macro-averaged score of one capability in an evaluation, with its 95% interval."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="capability_scores"
    )
    capability = models.CharField(_("capability"), max_length=30)
    suite_hash = models.CharField(_("suite hash"), max_length=64, db_index=True)
    mean = models.FloatField(_("score"))
    low = models.FloatField()
    high = models.FloatField()
    n = models.FloatField()
    tasks = models.PositiveIntegerField(_("tasks"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "capability"], name="robotics_one_score_per_capability"
            )
        ]
        indexes = [models.Index(fields=["capability", "suite_hash"])]

    def __str__(self):
        return f"{capability_label(self.capability)} {self.mean:.1%}"


class TaskResult(models.Model):
    """Success rate and score on one task of an evaluation, with Wilson 95% intervals."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="task_results"
    )
    suite = models.CharField(_("suite"), max_length=60)
    task = models.CharField(_("task"), max_length=120)
    capability = models.CharField(_("capability"), max_length=30)
    episodes = models.PositiveIntegerField(_("episodes"))
    successes = models.PositiveIntegerField(_("successes"))
    failed_episodes = models.PositiveIntegerField(_("failed episodes"))
    success_mean = models.FloatField(_("success rate"))
    success_low = models.FloatField()
    success_high = models.FloatField()
    score_mean = models.FloatField(_("score"))
    score_low = models.FloatField()
    score_high = models.FloatField()
    perturbation = models.CharField(_("perturbation"), max_length=40, blank=True)
    base_task = models.CharField(max_length=120, blank=True)
    metrics = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.task} {self.successes}/{self.episodes}"
