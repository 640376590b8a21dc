"""AWS's side: the boto3 bridge, Describe responses, and the installed botocore's model.

- :mod:`~hpt_request.aws.boto`: ``to_boto3_kwargs``, ``submit`` (check, then call) and
  ``guard`` (every CreateHyperParameterTuningJob call through a client or session checked
  first);
- :mod:`~hpt_request.aws.sdk`: the SageMaker Python SDK's sessions, which ``guard`` takes
  (their client, sagemaker-core's cached client and their boto3 session);
- :mod:`~hpt_request.aws.describe`: a DescribeHyperParameterTuningJob response back to a
  request (``from_describe``, ``warm_start_from``);
- :mod:`~hpt_request.aws.specdiff`: what the installed botocore's model has that the pinned spec
  lacks.

botocore is not a dependency: these modules import it when called. It imports every stage
below it, the check included.
"""
