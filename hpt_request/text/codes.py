"""Every problem code a user can see, what it means, and where it is explained.

A problem's ``code`` is the id of a cross-field rule (:data:`hpt_request.rules.RULES`), one of
the :data:`STRUCTURAL` codes below (the JSON Schema keyword that failed, or a code for input
that could not be checked as a request), one of the :data:`ONLINE` codes of the online
pre-flight, or one of the :data:`TUNER` codes of ``check_tuner()``. The rule catalogue
(``docs/rules.md``, generated) has one anchor per code, so :func:`docs_url` links every
problem to its explanation; SARIF output lists them all as its rules.
"""

from __future__ import annotations

import functools
import re

from hpt_request.model.errors import Severity

DOCS_URL = "https://hpt-request.readthedocs.io/en/latest/"
"""The documentation site (``site_url`` in ``mkdocs.yml``; a test keeps the two equal)."""
CATALOGUE_PAGE = "rules.html"  # the site is built with use_directory_urls: false
"""The rule catalogue's address on the site (``docs/rules.md``)."""

# code -> (default severity, what it means)
STRUCTURAL: dict[str, tuple[Severity, str]] = {
    "required": ("error", "A member the API requires is missing."),
    "additionalProperties": (
        "error",
        "A member the API does not have (often a misspelling, or a member of another API).",
    ),
    "propertyNames": ("error", "A map key (a hyperparameter or variable name) is not allowed."),
    "type": ("error", "A value of the wrong kind: text, number, true/false, object or list."),
    "enum": ("error", "A value that is not one of the values the API allows."),
    "pattern": ("error", "Text with characters, or a form, that the API does not allow."),
    "minLength": ("error", "Text shorter than the API allows (an empty string, most often)."),
    "maxLength": ("error", "Text longer than the API allows."),
    "minItems": ("error", "A list with fewer items than the API allows."),
    "maxItems": ("error", "A list with more items than the API allows."),
    "minProperties": ("error", "A map with fewer entries than the API allows."),
    "maxProperties": ("error", "A map with more entries than the API allows."),
    "minimum": ("error", "A number below the API's minimum."),
    "maximum": ("error", "A number above the API's maximum."),
    "warm-start-own-parent": (
        "error",
        "warm_start_from() given the parent's own name for the new job: a warm-started job "
        "needs a name of its own.",
    ),
    "instance-type-not-in-spec": (
        "warning",
        "An ml. instance type the pinned botocore does not list, which looks like one added "
        "since: SageMaker may well take it.",
    ),
    "newer-than-spec": (
        "warning",
        "A value the installed botocore accepts that the pinned spec does not (guard and submit "
        "check against the installed botocore).",
    ),
    "describe-response": (
        "error",
        "The file is a DescribeHyperParameterTuningJob response, not a Create request.",
    ),
    "create-response": (
        "error",
        "The file is a CreateHyperParameterTuningJob response (its HyperParameterTuningJobArn "
        "alone), not the request.",
    ),
    "too-large": ("error", "The input holds more values than any request can."),
    "unreadable": ("error", "The input could not be checked as a request."),
    "parents": (
        "warning",
        "A parent given for the warm-start checks is not a Describe response, or one whose "
        "members do not have the response's shapes (a member named by its path in that parent): "
        "it is left out of those checks.",
    ),
    "unknown-document": (
        "error",
        "The file is none of the documents hpt-request reads: a request, a pipeline definition, "
        "a state machine, a template or an ACK manifest.",
    ),
    "pipeline-definition": (
        "error",
        "A pipeline definition that cannot be read for its Tuning steps (Steps, Parameters).",
    ),
    "pipeline-placeholder": (
        "error",
        "A malformed pipeline placeholder: a Get that is not a known path, an unknown function.",
    ),
    "placeholder-type": (
        "error",
        "A placeholder of the wrong kind, such as a pipeline's String parameter or a state "
        "machine's States.Format text for an integer.",
    ),
    "statemachine-definition": (
        "error",
        "A state machine's tuning task whose Parameters (or Arguments) is not the request object.",
    ),
    "statemachine-placeholder": (
        "error",
        "A malformed state machine placeholder: a member ending in .$ whose value is neither a "
        "path nor a known intrinsic function.",
    ),
    "manifest-definition": (
        "error",
        "An ACK HyperParameterTuningJob manifest whose spec is not the request object.",
    ),
    "manifest-field": (
        "warning",
        "A key of an ACK manifest's spec that the controller's CRD does not define: the "
        "Kubernetes API server drops it or refuses the manifest.",
    ),
    "template-definition": (
        "error",
        "A template's state machine or pipeline definition text that is not JSON.",
    ),
    "assume": ("error", "A what-if value (--assume, --defaults) that the parameter cannot take."),
}


# code -> (default severity, what it means, the evidence for that severity). The online
# pre-flight's codes (hpt_request.aws.online): each found by a read-only AWS call, named in the
# problem's message.
ONLINE: dict[str, tuple[Severity, str, str]] = {
    "online-not-checked": (
        "warning",
        "An online check that could not be made: its call was denied (the note names the IAM "
        "permission) or did not answer (throttled, timed out, not offered by the endpoint).",
        "Not a finding: a note, so that a check that did not run is never mistaken for one "
        "that passed; it blocks only with --strict.",
    ),
    "online-name-in-use": (
        "error",
        "A tuning job of the request's name already exists in the account and Region "
        "(DescribeHyperParameterTuningJob found it).",
        "SageMaker answers ResourceInUse, 'A hyperparameter tuning job with the name, ..., "
        "already exists. Choose a different name.' (aws/amazon-sagemaker-examples#3092, "
        "aws/sagemaker-python-sdk#2708).",
    ),
    "online-bucket-missing": (
        "error",
        "An S3 bucket the job reads or writes (input channel, output path, checkpoints) does "
        "not exist (HeadBucket, ListObjectsV2).",
        "SM:S3DataSource.S3Uri and SM:OutputDataConfig.S3OutputPath name existing S3 locations; "
        "a training job cannot read or write a bucket that does not exist.",
    ),
    "online-bucket-region": (
        "error",
        "A bucket in another Region than the job (HeadBucket's BucketRegion): an error for an "
        "input channel, a warning for the output and checkpoint buckets.",
        "SM:S3DataSource: 'Your input bucket must be in the same Amazon Web Services region as "
        "your training job.' The API reference says nothing of the kind for output and "
        "checkpoint buckets, hence a warning there.",
    ),
    "online-input-empty": (
        "error",
        "An S3Prefix input channel under which no object exists (ListObjectsV2, MaxKeys=1).",
        "SM:S3DataSource.S3DataType: with S3Prefix 'SageMaker uses all objects that match the "
        "specified key name prefix'; with none, training jobs fail with 'No S3 objects found "
        "under S3 URL ... given in input data source' (the report quoted in issue 22).",
    ),
    "online-manifest-missing": (
        "error",
        "A ManifestFile or AugmentedManifestFile channel whose manifest object does not exist "
        "(HeadObject).",
        "SM:S3DataSource.S3DataType: the S3Uri 'identifies an object that is a manifest file'.",
    ),
    "online-role-missing": (
        "error",
        "The RoleArn names no role of the account (GetRole answered NoSuchEntity).",
        "SM:HyperParameterTrainingJobDefinition.RoleArn: the role SageMaker assumes to run the "
        "training jobs; SageMaker refuses a role it cannot assume.",
    ),
    "online-role-trust": (
        "error",
        "The role's trust policy has no statement allowing sagemaker.amazonaws.com to assume "
        "it (sts:AssumeRole) (GetRole).",
        "DG:sagemaker-roles: the execution role's trust policy must let the SageMaker service "
        "principal assume the role.",
    ),
    "online-role-permission": (
        "warning",
        "Policy simulation (SimulatePrincipalPolicy) says the role may not do something the "
        "job needs: read the inputs, write the output, pull the image, use the KMS keys, write "
        "logs. An explicit deny is an error; an implicit deny a warning, since bucket and key "
        "policies, which the simulation does not see, may allow it.",
        "DG:sagemaker-roles lists the permissions a training job's role needs; a role without "
        "s3:ListBucket makes every training job fail ('No training job succeeded after 5 "
        "attempts', issue 22).",
    ),
    "online-image-missing": (
        "error",
        "A TrainingImage in the caller's ECR registry whose repository, tag or digest does not "
        "exist (DescribeImages).",
        "SM:HyperParameterAlgorithmSpecification.TrainingImage names a registry path SageMaker "
        "pulls; an image that does not exist cannot be pulled.",
    ),
    "online-algorithm-missing": (
        "error",
        "An AlgorithmName that names no algorithm resource the account can use "
        "(DescribeAlgorithm).",
        "SM:HyperParameterAlgorithmSpecification.AlgorithmName: the name of the resource "
        "algorithm to use.",
    ),
    "online-algorithm-support": (
        "error",
        "The algorithm resource does not support what the definition uses: tuning, an instance "
        "type, a channel name, or it lacks a channel it requires (DescribeAlgorithm's "
        "TrainingSpecification).",
        "SM:TrainingSpecification: SupportedTrainingInstanceTypes, TrainingChannels (with "
        "IsRequired) and SupportsHyperParameterTuning are the algorithm's own declarations.",
    ),
    "online-parent-missing": (
        "error",
        "A warm-start parent tuning job that does not exist in the account and Region "
        "(DescribeHyperParameterTuningJob answered ResourceNotFound).",
        "SM:HyperParameterTuningJobWarmStartConfig.ParentHyperParameterTuningJobs: previous "
        "tuning jobs used as the starting point.",
    ),
    "online-kms-key": (
        "error",
        "A KMS key that does not exist or is not enabled (DescribeKey: NotFoundException, or a "
        "KeyState other than Enabled).",
        "SM:OutputDataConfig.KmsKeyId and SM:ResourceConfig.VolumeKmsKeyId: SageMaker "
        "encrypts with the key, which a missing, disabled or deleted key cannot do.",
    ),
    "online-vpc": (
        "error",
        "A subnet or security group that does not exist, or subnets and security groups of "
        "more than one VPC (DescribeSubnets, DescribeSecurityGroups).",
        "SM:VpcConfig.SecurityGroupIds: 'Specify the security groups for the VPC that is "
        "specified in the Subnets field.'",
    ),
    "online-instance-quota": (
        "error",
        "The account's Service Quotas value '<instance type> for training job usage' is below "
        "what the job needs: an error when it cannot run one training job, a warning when it "
        "cannot run MaxParallelTrainingJobs of them at once.",
        'SageMaker answers ResourceLimitExceeded, "The account-level service limit '
        "'ml.p3.2xlarge for training job usage' is 0 Instances\" "
        "(gabehollombe-aws/jupyter-notebooks#1); the quota counts instances in use at once "
        "(aws/amazon-sagemaker-examples#1543).",
    ),
    "online-instance-not-offered": (
        "warning",
        "An instance type with no '<instance type> for training job usage' quota in the "
        "Region, applied or default: SageMaker does not offer it there for training.",
        "Service Quotas lists one training quota per instance type SageMaker offers in a "
        "Region; warned, not an error, as the listing may lag a new type.",
    ),
    "online-tuning-jobs-limit": (
        "warning",
        "The account already runs as many tuning jobs at once as SageMaker allows by default "
        "(ListHyperParameterTuningJobs, InProgress).",
        "DG:automatic-model-tuning-limits: 100 parallel (concurrent) hyperparameter tuning "
        "jobs; warned, since the account's limit may differ.",
    ),
}

# code -> (default severity, what it means, the evidence for that severity). The codes of
# check_tuner() (hpt_request.aws.tuners): a setting the user gave an SDK tuner that the request
# the SDK builds lacks or changes.
TUNER: dict[str, tuple[Severity, str, str]] = {
    "tuner-setting-lost": (
        "error",
        "A setting given to the SageMaker Python SDK's tuner or its ModelTrainer that the "
        "request the SDK builds leaves out or changes, and that secures the jobs (network "
        "isolation, inter-container traffic encryption, KMS keys, the VPC) or changes what they "
        "run (image, role, instances, hyperparameters, environment, data, limits, stopping "
        "conditions, strategy, objective).",
        "Found by comparing the user's settings with the request the SDK builds (captured, not "
        "sent), so a reported loss is certain; SDK 3.27's tuner drops EnableNetworkIsolation, "
        "EnableInterContainerTrafficEncryption and VolumeKmsKeyId (sagemaker-train "
        "sagemaker/train/tuner.py _build_training_job_definition), and the same class of loss "
        "is reported in aws/sagemaker-python-sdk#5508, #5613, #5622 and #5597 (channels, "
        "environment, output KMS key, managed spot). The job then runs without the isolation "
        "or encryption asked for (SM:HyperParameterTrainingJobDefinition.EnableNetworkIsolation, "
        "SM:ResourceConfig.VolumeKmsKeyId), or runs something else than asked.",
    ),
    "tuner-option-lost": (
        "warning",
        "A setting given to the SDK's tuner or its ModelTrainer that the request leaves out or "
        "changes, and that affects cost, reproducibility or bookkeeping only: the warm pool "
        "(KeepAlivePeriodInSeconds), RandomSeed, tags, output compression, the pending-time "
        "limit, the job name.",
        "A certain loss as for tuner-setting-lost (SDK 3.27 drops KeepAlivePeriodInSeconds and "
        "a RandomSeed of 0: `if self.random_seed:`; the SDK v2 tuner writes "
        "SM:HyperParameterTrainingJobDefinition.HyperParameterTuningResourceConfig, which has "
        "no KeepAlivePeriodInSeconds), but the jobs still run what was asked and "
        "as securely: SM:ResourceConfig.KeepAlivePeriodInSeconds keeps instances warm between "
        "jobs, SM:HyperParameterTuningJobConfig.RandomSeed makes the search repeatable; hence a "
        "warning.",
    ),
}

_DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"


def evidence_text(source: str) -> str:
    """A rule's ``source`` with its short references spelled out as addresses: ``DG:page`` (a
    Developer Guide page) and ``SM:Shape.Member`` (botocore's model, the API reference page)."""
    source = re.sub(r"\bDG:([a-z0-9-]+)", lambda m: f"{_DG}{m.group(1)}.html", source)
    return re.sub(
        r"\bSM:([A-Za-z0-9]+)(\.[A-Za-z0-9]+)?",
        lambda m: f"botocore model {m.group(1)}{m.group(2) or ''} ({_API}API_{m.group(1)}.html)",
        source,
    )


def docs_url(code: str) -> str:
    """The address of the explanation of ``code`` on the documentation site."""
    return f"{DOCS_URL}{CATALOGUE_PAGE}#{code}"


@functools.cache
def version() -> str:
    """The installed version of hpt-request."""
    import importlib.metadata  # only for --version and SARIF output

    try:
        return importlib.metadata.version("hpt-request")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"
