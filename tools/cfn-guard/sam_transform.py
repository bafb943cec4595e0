"""Transforms template.yaml (AWS SAM) into the plain CloudFormation that AWS deploys, offline, and prints it as JSON.

cfn-guard's rules are written for CloudFormation resource types (AWS::Lambda::Function, AWS::ApiGateway::Stage, ...),
not for SAM's (AWS::Serverless::*), so they must see the template after SAM's transform. The transform is
aws-sam-translator, the library `sam deploy` and CloudFormation use; it is installed with cfn-lint (a dependency of
it), so no other package is needed. It needs no AWS access and no credentials: local CodeUri paths become placeholder S3 locations
(what `sam package` would upload), and the AWS managed policies the template names (none today) would come from an
empty map.

Usage: python3 sam_transform.py <template.yaml>  (JSON on stdout; a message and exit code 1 on an invalid template)
"""
import json
import logging
import os
import sys

import yaml
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform


class _CloudFormationLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, ...) read as their long forms."""


def _intrinsic(loader, tag_suffix, node):
    name = tag_suffix if tag_suffix == "Ref" else "Fn::" + tag_suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def _placeholder_code_locations(template):
    """What `sam package` does to local code: each function's CodeUri (or the Globals one) becomes an S3 object."""
    global_uri = template.get("Globals", {}).get("Function", {}).get("CodeUri")
    if isinstance(global_uri, str):
        template["Globals"]["Function"]["CodeUri"] = {"Bucket": "artifacts", "Key": global_uri}
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = {"Bucket": "artifacts", "Key": properties["CodeUri"]}


class _NoManagedPolicies:
    """The template names no AWS managed policy by name; if one is added, the transform fails instead of guessing."""

    def load(self):
        return {}


def main(path):
    # SAM asks boto3 for a region (for the partition of the ARNs it writes), never for credentials: any region of
    # the standard partition gives the same template.
    os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its feature-toggle notices are not findings
    with open(path, encoding="utf-8") as source:
        template = yaml.load(source, Loader=_CloudFormationLoader)
    _placeholder_code_locations(template)
    try:
        transformed = transform(template, {}, _NoManagedPolicies())
    except InvalidDocumentException as invalid:
        for cause in invalid.causes:
            print(f"{path}: {cause.message}", file=sys.stderr)
        return 1
    json.dump(transformed, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 sam_transform.py <template.yaml>", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
