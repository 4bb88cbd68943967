"""Studies of scaling behaviour: their training runs, and the fits and comparisons made of them.

A study belongs to a program and, optionally, to a research project (whose page lists it); the
older plain project label is kept for studies recorded before projects existed. Runs are rows of
numbers; fits and comparisons are background jobs whose settings, status, result and plots are
stored, so that a page shows exactly what was computed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.bilingual import BilingualField, BilingualModel
from nairl.common.jobs import BackgroundJob
from nairl.common.models import optional_key
from nairl.scaling.core.registry import DEFAULT_BOOTSTRAP, DEFAULT_LAW

#: Laws a stored fit may use (names of nairl.scaling.core.registry), with their labels.
LAW_CHOICES = [
    ("chinchilla", _("Chinchilla: L = E + A/N^α + B/D^β")),
    ("overtraining", _("Over-training: L = E + A/N^η + B/D^η, one exponent (Gadre et al.)")),
    ("kaplan", _("Kaplan: L = [(Nc/N)^(αN/αD) + Dc/D]^αD")),
    ("data_constrained", _("Data-constrained (repeated data)")),
    ("power", _("Power law: L = E + A/x^α")),
    ("pure_power", _("Pure power law: L = A/x^α")),
    ("m1", _("M1: e = b·x^c")),
    ("m2", _("M2: e − e∞ = b·x^c")),
    ("m3", _("M3: e = b·(1/x + g)^c")),
    ("m4", _("M4: (e − e∞)/(e₀ − e)^a = b·x^c")),
    ("bnsl1", _("Broken neural scaling law, one break")),
    ("bnsl2", _("Broken neural scaling law, two breaks")),
]
VARIABLE_CHOICES = [
    ("", _("the law's default")),
    ("c", _("compute C")),
    ("d", _("data D")),
    ("n", _("parameters N")),
]
RUN_NUMBERS = ("n", "d", "c", "unique_n", "unique_d", "epochs", "loss")


class Program(models.TextChoices):
    BEYOND_SCALING = "beyond-scaling", _("Beyond neural scaling laws")
    ROBOT_FM = "robot-fm", _("Robot foundation models")
    OTHER = "other", _("Other")


class Study(Audited, BilingualModel):
    title = BilingualField(_("title"), max_length=200)
    description = BilingualField(_("description"), text=True, required=False, max_length=10000)
    program = models.CharField(
        _("program"), max_length=20, choices=Program.choices, default=Program.BEYOND_SCALING
    )
    project_label = models.CharField(
        _("project"),
        max_length=200,
        blank=True,
        help_text=_("The research project this study belongs to (a plain label for now)."),
    )
    project = optional_key(
        "research.Project", _("research project"), related_name="scaling_studies"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scaling_studies",
        verbose_name=_("owner"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="scaling_memberships",
        verbose_name=_("members"),
        help_text=_("Members may add runs and start fits."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public studies, their runs and fits are shown to everyone."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audit_exclude = ("updated_at",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scaling study")
        verbose_name_plural = _("scaling studies")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("scaling:study", args=[self.pk])


class Run(models.Model):
    """One trained model: parameters N, data D, compute C (any may be derived) and its loss."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="runs")
    group = models.CharField(
        _("group"),
        max_length=100,
        default="baseline",
        help_text=_("Method or condition, e.g. baseline or the method being tested."),
    )
    n = models.FloatField(_("parameters N"), null=True, blank=True)
    d = models.FloatField(_("training tokens D"), null=True, blank=True)
    c = models.FloatField(_("compute C (FLOP)"), null=True, blank=True)
    unique_n = models.FloatField(_("unique parameters U_N"), null=True, blank=True)
    unique_d = models.FloatField(_("unique data U_D"), null=True, blank=True)
    epochs = models.FloatField(_("epochs"), null=True, blank=True)
    loss = models.FloatField(_("loss"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["group", "c", "id"]
        indexes = [models.Index(fields=["study", "group"])]
        verbose_name = _("training run")
        verbose_name_plural = _("training runs")

    def __str__(self):
        return (
            f"{self.group}: N={self.n:.3g} D={self.d:.3g} loss={self.loss:.4g}"
            if (self.n and self.d)
            else f"{self.group}: loss={self.loss:.4g}"
        )


class Job(BackgroundJob):
    """What fits and comparisons share: settings, and the result or the reason it failed (the
    status, progress and times come with every background job)."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="%(class)ss")
    law = models.CharField(_("law"), max_length=20, choices=LAW_CHOICES, default=DEFAULT_LAW)
    variable = models.CharField(
        _("variable"),
        max_length=1,
        choices=VARIABLE_CHOICES,
        blank=True,
        help_text=_("For one-variable laws: which quantity the law is a function of."),
    )
    huber_delta = models.FloatField(
        _("Huber delta"),
        default=1e-3,
        validators=[MinValueValidator(1e-8), MaxValueValidator(10)],
        help_text=_(
            "Residuals (in log-loss) beyond this count linearly; 0.001 as in Hoffmann et al."
        ),
    )
    drop_highest = models.PositiveIntegerField(
        _("drop highest-loss runs"),
        default=0,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "Leave out this many runs with the highest loss (e.g. unconverged small runs)."
        ),
    )
    bootstrap = models.PositiveIntegerField(
        _("bootstrap resamples"),
        default=DEFAULT_BOOTSTRAP,
        validators=[MaxValueValidator(4000)],
        # xgettext:no-python-format
        help_text=_("Resamples for the 95% intervals; 0 for none."),
    )
    result = models.JSONField(_("result"), default=dict, blank=True)
    # {"plot name": {"en": svg, "ko": svg}}
    plots = models.JSONField(_("plots"), default=dict, blank=True)

    audit_exclude = (*BackgroundJob.audit_exclude, "result", "plots")

    #: Columns that can be large: never read on list paths.
    HEAVY = ("result", "plots")

    class Meta(BackgroundJob.Meta):
        abstract = True

    def settings_dict(self) -> dict:
        return {
            "law": self.law,
            "variable": self.variable or None,
            "huber_delta": self.huber_delta,
            "drop_highest": self.drop_highest,
            "bootstrap": self.bootstrap,
        }


class Fit(Job):
    """A law fitted to one group of runs (or all of them)."""

    task = "nairl.scaling.tasks.run_fit"
    status_url_name = "scaling:fit-status"

    group = models.CharField(
        _("group"),
        max_length=100,
        blank=True,
        help_text=_("Fit only this group; empty for all runs."),
    )

    class Meta(Job.Meta):
        verbose_name = _("fit")
        verbose_name_plural = _("fits")

    def __str__(self):
        return f"{self.get_law_display()} · {self.group or '*'} #{self.pk}"

    def get_absolute_url(self):
        return reverse("scaling:fit", args=[self.pk])

    def settings_dict(self) -> dict:
        return {**super().settings_dict(), "group": self.group or None}


class Comparison(Job):
    """Method against baseline, of one of two kinds: does the method beat the baseline's law
    (the same law fitted to both groups), or is the method's learning curve steeper than a power
    law (each group's loss against data size D tested, and their extrapolations compared)?"""

    task = "nairl.scaling.tasks.run_comparison"
    status_url_name = "scaling:comparison-status"

    class Kind(models.TextChoices):
        LAW = "law", _("Against the baseline's law")
        STEEPNESS = "steepness", _("Learning curve steeper than a power law?")

    #: What a steepness check always uses, whatever the form says: the power law it tests
    #: against is M2 in data size D, fitted by least squares without a bootstrap.
    STEEPNESS_SETTINGS = {"law": "m2", "variable": "d", "bootstrap": 0, "drop_highest": 0}

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LAW)
    baseline_group = models.CharField(_("baseline group"), max_length=100, default="baseline")
    method_group = models.CharField(_("method group"), max_length=100)
    holdout = models.PositiveSmallIntegerField(
        _("held-out sizes"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "Learning curves: each curve is fitted without this many of its largest "
            "data sizes, then scored on how well it predicts them."
        ),
    )

    class Meta(Job.Meta):
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")

    def __str__(self):
        return f"{self.method_group} vs {self.baseline_group} #{self.pk}"

    def save(self, *args, **kwargs):
        if self.is_steepness:
            for name, value in self.STEEPNESS_SETTINGS.items():
                setattr(self, name, value)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("scaling:comparison", args=[self.pk])

    @property
    def is_steepness(self) -> bool:
        return self.kind == self.Kind.STEEPNESS

    def clean(self):
        super().clean()
        if self.baseline_group and self.baseline_group == self.method_group:
            raise ValidationError({"method_group": _("Choose a group other than the baseline.")})

    def settings_dict(self) -> dict:
        groups = {
            "kind": self.kind,
            "baseline_group": self.baseline_group,
            "method_group": self.method_group,
        }
        if self.is_steepness:
            return {**groups, "holdout": self.holdout}
        return {**super().settings_dict(), **groups}
