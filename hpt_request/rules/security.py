"""The security group: a team's policies for the training jobs, opt-in (``enable = ["security"]``).

AWS accepts a request that breaks any of these rules: each is a policy, so each warns, and a
team that holds to them makes them errors (``error = ["security"]``, which also enables them).
Each rule reads every training job definition (``TrainingJobDefinition`` or each of
``TrainingJobDefinitions``) and anticipates a control that today only reports the training
jobs after they have run: Prowler's checks ``sagemaker_training_jobs_network_isolation_enabled``,
``sagemaker_training_jobs_intercontainer_encryption_enabled``,
``sagemaker_training_jobs_volume_and_output_encryption_enabled`` and
``sagemaker_training_jobs_vpc_settings_configured`` (Steampipe's AWS compliance mod has the same
checks). A finding is at the member, or at the object that lacks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hpt_request.rules import instance_storage, registries
from hpt_request.rules._core import Context, Definition, Finding, Location, rule
from hpt_request.rules.training import instance_types, resource_configs

POLICY = (
    "A policy, not a defect: AWS accepts the request either way, so the rule warns; a team "
    'that requires it makes the group errors with error = ["security"].'
)
# An S3 directory bucket (S3 Express One Zone), whose objects take no KMS key:
# SM:OutputDataConfig.KmsKeyId.
_DIRECTORY_BUCKET = re.compile(r"s3://[^/]+--x-s3(?:/|$)")


def _member_or_definition(view: Definition, member: str, value: object) -> Location:
    """The member's location where it is given, else the definition's."""
    return (*view.location, member) if value is not None else view.location


@rule(
    "security-network-isolation",
    default=False,
    severity="warning",
    source='SM:HyperParameterTrainingJobDefinition.EnableNetworkIsolation ("Isolates the '
    "training container. No inbound or outbound network calls can be made, except for calls "
    'between peers within a training cluster for distributed training."); '
    "DG:mkt-algo-model-internet-free; Prowler check "
    "sagemaker_training_jobs_network_isolation_enabled",
    description="EnableNetworkIsolation is true in every training job definition (opt-in, "
    "security group; anticipates Prowler's sagemaker_training_jobs_network_isolation_enabled).",
    rationale=POLICY + " Without isolation the training container can reach the internet and "
    "any endpoint its network allows; scripts that download packages or models at run time "
    "need it, which is why it is a team's choice.",
)
def _network_isolation(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        value = view.definition.enable_network_isolation
        if value is not True:
            yield Finding(
                _member_or_definition(view, "EnableNetworkIsolation", value),
                "EnableNetworkIsolation is not true: the training containers can make network "
                "calls out of the job; set it to true (the container then reaches only its "
                "input and output through SageMaker)",
            )


def _runs_on_several_instances(view: Definition) -> bool:
    """Whether a training job of the definition may run on more than one instance: an
    InstanceCount above 1, InstanceGroups of more than one instance in all, or one of the
    InstanceConfigs with an InstanceCount above 1."""
    for _where, config in resource_configs(view):
        if config.instance_count is not None and config.instance_count > 1:
            return True
        groups = getattr(config, "instance_groups", None) or []
        if sum(group.instance_count for group in groups) > 1:
            return True
        if any(item.instance_count > 1 for item in getattr(config, "instance_configs", None) or []):
            return True
    return False


@rule(
    "security-inter-container-encryption",
    default=False,
    severity="warning",
    source='SM:HyperParameterTrainingJobDefinition.EnableInterContainerTrafficEncryption ("To '
    "encrypt all communications between ML compute instances in distributed training, choose "
    'True."); DG:train-encrypt; Prowler check '
    "sagemaker_training_jobs_intercontainer_encryption_enabled",
    description="EnableInterContainerTrafficEncryption is true in every definition whose "
    "training jobs run on more than one instance (opt-in, security group; anticipates Prowler's "
    "sagemaker_training_jobs_intercontainer_encryption_enabled).",
    rationale=POLICY + " Encryption can make distributed training slower and dearer; the "
    "Developer Guide (train-encrypt) says it \"doesn't affect training jobs with a single compute "
    "instance\", so a definition whose jobs run on one instance is not reported, where Prowler's "
    "check reports every training job.",
)
def _inter_container_encryption(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        value = view.definition.enable_inter_container_traffic_encryption
        if value is not True and _runs_on_several_instances(view):
            yield Finding(
                _member_or_definition(view, "EnableInterContainerTrafficEncryption", value),
                "the training jobs run on more than one instance and "
                "EnableInterContainerTrafficEncryption is not true: the traffic between the "
                "instances is not encrypted; set it to true",
            )


@rule(
    "security-volume-kms-key",
    default=False,
    severity="warning",
    source='SM:ResourceConfig.VolumeKmsKeyId ("The Amazon Web Services KMS key that SageMaker '
    'uses to encrypt data on the storage volume attached to the ML compute instance(s)"); '
    "SM:HyperParameterTuningResourceConfig.VolumeKmsKeyId; the instance types without local "
    "storage: the EC2 User Guide's instance types and instance store volumes tables (vendored in "
    "generator/inputs/ec2/); Prowler check "
    "sagemaker_training_jobs_volume_and_output_encryption_enabled",
    description="ResourceConfig or HyperParameterTuningResourceConfig names a VolumeKmsKeyId "
    "where every instance type is one that takes an EBS volume (opt-in, security group; "
    "anticipates Prowler's sagemaker_training_jobs_volume_and_output_encryption_enabled).",
    rationale=POLICY + " Instance types with local storage cannot take the key (their storage "
    "is encrypted by the instance's hardware: volume-kms-local-storage), and an instance type "
    "the EC2 User Guide of June 2023 does not name (g6, p5, trn2 and the other later families) "
    "may be one of them, so the rule asks for the key only where every instance type is one the "
    "guide lists without instance store: a miss on the newer families, never a false alarm.",
)
def _volume_kms_key(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for where, config in resource_configs(view):
            if config.volume_kms_key_id is not None:
                continue
            types = instance_types(config)
            if types and all(instance_storage.storage(t) == "ebs" for t in types):
                yield Finding(
                    where,
                    f"no VolumeKmsKeyId: the storage volumes of {', '.join(dict.fromkeys(types))} "
                    "are not encrypted with a KMS key the team controls; name one in "
                    "VolumeKmsKeyId",
                )


@rule(
    "security-output-kms-key",
    default=False,
    severity="warning",
    source="SM:OutputDataConfig.KmsKeyId (\"If you don't provide a KMS key ID, SageMaker uses "
    'the default KMS key for Amazon S3 for your role\'s account"; "KMS key is not supported '
    'for Amazon S3 Express One Zone"); Prowler check '
    "sagemaker_training_jobs_volume_and_output_encryption_enabled",
    description="OutputDataConfig names a KmsKeyId for the model artifacts, unless the output "
    "goes to an S3 directory bucket (S3 Express One Zone) (opt-in, security group; anticipates "
    "Prowler's sagemaker_training_jobs_volume_and_output_encryption_enabled).",
    rationale=POLICY + " An S3 directory bucket (a name ending in --x-s3) takes no KMS key, so "
    "an output there is not reported.",
)
def _output_kms_key(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        output = view.definition.output_data_config
        if output.kms_key_id is not None or _DIRECTORY_BUCKET.match(output.s3_output_path):
            continue
        yield Finding(
            (*view.location, "OutputDataConfig"),
            "no KmsKeyId: the model artifacts are encrypted with the default S3 key of the "
            "role's account, not one the team controls; name a KMS key in "
            "OutputDataConfig.KmsKeyId",
        )


@rule(
    "security-vpc",
    default=False,
    severity="warning",
    source='SM:HyperParameterTrainingJobDefinition.VpcConfig ("Control access to and from your '
    'training container by configuring the VPC."); DG:train-vpc; Prowler check '
    "sagemaker_training_jobs_vpc_settings_configured",
    description="Every training job definition has a VpcConfig (opt-in, security group; "
    "anticipates Prowler's sagemaker_training_jobs_vpc_settings_configured).",
    rationale=POLICY + " Without a VpcConfig the training containers run in a network "
    "SageMaker manages, outside the team's security groups and VPC endpoints.",
)
def _vpc(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        if view.definition.vpc_config is None:
            yield Finding(
                view.location,
                "no VpcConfig: the training jobs run outside your VPC, its security groups and "
                "endpoint policies; give the Subnets and SecurityGroupIds they run in",
            )


def _image_verdict(image: str, role_arn: str) -> str | None:
    """Why a training image is outside the role's account's ECR and AWS's own registries, or
    None if it is inside (or the role's account cannot be told)."""
    account = registries.ecr_account(image)
    if account is None:
        return "it is not in an Amazon ECR private registry"
    if account in registries.aws_accounts():
        return None
    ours = registries.role_account(role_arn)
    if ours is None or account == ours:
        return None
    return f"its ECR registry is account {account}'s, not the role's account {ours} nor AWS's"


@rule(
    "security-image-registry",
    default=False,
    severity="warning",
    source='SM:HyperParameterAlgorithmSpecification.TrainingImage ("The registry path of the '
    "Docker image that contains the training algorithm\"); AWS's own registry accounts: every "
    "registry of the SageMaker Python SDK's image_uri_config files (aws/sagemaker-python-sdk, "
    "generated into hpt_request/rules/data/aws_registries.json): the built-in algorithms, the "
    "AWS Deep Learning Containers (763104351884) and the framework images",
    description="Each TrainingImage is in Amazon ECR, in the account of the definition's RoleArn "
    "or in one of AWS's own registries (built-in algorithms, Deep Learning Containers, framework "
    "images); a definition with AlgorithmName is not checked (opt-in, security group).",
    rationale=POLICY + " An image from another account runs code that account's owners can "
    "change under the same tag; at run time only the execution role's ecr:BatchGetImage "
    "permission and the other account's repository policy stand in the way, and no Prowler or "
    "Steampipe check looks at the image. An image of AWS's is recognised by its registry account "
    "(every account of the SDK's image_uri_config); a RoleArn whose account cannot be read "
    "leaves an ECR image unreported.",
)
def _image_registry(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        image = definition.algorithm_specification.training_image
        if image is None:
            continue  # AlgorithmName: an algorithm resource, no image to judge
        why = _image_verdict(image, definition.role_arn)
        if why is not None:
            yield Finding(
                (*view.location, "AlgorithmSpecification", "TrainingImage"),
                f'TrainingImage "{image}" comes from outside your account and AWS: {why}; push '
                "the image to an ECR repository of the role's account",
            )
