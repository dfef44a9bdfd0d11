#!/usr/bin/env python3
"""Writes a realistic CloudTrail data set for the example organization:
gzipped {"Records": [...]} files of 5,000 events, as CloudTrail delivers
them to S3, each record about 2 KB (request parameters, response elements,
TLS details, additional event data) like real trails.

    scripts/gen-trail.py DIR EVENTS

Deterministic: the same arguments give the same files.
"""
import gzip
import json
import os
import random
import sys

ACCOUNTS = [(25, "444444444444"), (25, "555555555555"), (15, "666666666666"),
            (10, "777777777777"), (5, "888888888888"), (5, "999999999999"),
            (5, "222222222222"), (3, "333333333333"), (2, "121212121212"),
            (3, "111111111111"), (2, "101010101010")]
CALLERS = [(30, "data-pipeline"), (30, "web-app"), (15, "ci-deploy"), (3, "BreakGlass"),
           (4, "OrganizationAccountAccessRole"),
           (10, "aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"),
           (7, "user:deployer"), (1, "root")]
REGIONS = [(60, "eu-west-1"), (20, "eu-central-1"), (15, "us-east-1"), (5, "us-west-2")]
ACTIONS = [(20, ("ec2.amazonaws.com", "DescribeInstances")), (20, ("s3.amazonaws.com", "GetObject")),
           (10, ("s3.amazonaws.com", "PutObject")), (10, ("kms.amazonaws.com", "Decrypt")),
           (8, ("dynamodb.amazonaws.com", "GetItem")), (8, ("lambda.amazonaws.com", "Invoke")),
           (8, ("logs.amazonaws.com", "PutLogEvents")), (6, ("sts.amazonaws.com", "AssumeRole")),
           (5, ("ec2.amazonaws.com", "RunInstances")), (3, ("iam.amazonaws.com", "GetRole")),
           (1, ("rds.amazonaws.com", "DeleteDBInstance")),
           (1, ("cloudtrail.amazonaws.com", "StopLogging"))]


def pick(rng, choices):
    return rng.choices([c for _, c in choices], weights=[w for w, _ in choices])[0]


def identity(caller, account, n):
    session = f"session-{n % 97}"
    if caller == "root":
        return {"type": "Root", "principalId": account, "arn": f"arn:aws:iam::{account}:root",
                "accountId": account, "accessKeyId": f"ASIA{n % 1000:016d}"}
    if caller.startswith("user:"):
        name = caller[5:]
        return {"type": "IAMUser", "principalId": f"AIDA{account}EXAMPLE",
                "arn": f"arn:aws:iam::{account}:user/{name}", "accountId": account,
                "accessKeyId": f"AKIA{n % 1000:016d}", "userName": name}
    name = caller.rsplit("/", 1)[-1]
    path = caller[: len(caller) - len(name)]
    return {"type": "AssumedRole", "principalId": f"AROA{account}EXAMPLE:{session}",
            "arn": f"arn:aws:sts::{account}:assumed-role/{name}/{session}", "accountId": account,
            "accessKeyId": f"ASIA{n % 10_000_000:016d}",
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": f"AROA{account}EXAMPLE",
                                                 "arn": f"arn:aws:iam::{account}:role/{path}{name}",
                                                 "accountId": account, "userName": name},
                               "webIdFederationData": {},
                               "attributes": {"creationDate": "2026-11-15T08:00:00Z", "mfaAuthenticated": "false"}}}


def record(rng, n):
    account = pick(rng, ACCOUNTS)
    caller = pick(rng, CALLERS)
    region = pick(rng, REGIONS)
    source, name = pick(rng, ACTIONS)
    s = n % 604_800
    resources = None
    if source == "s3.amazonaws.com":
        resources = [{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::data-{account}/objects/{n}.parquet"},
                     {"accountId": account, "type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::data-{account}"}]
    return {
        "eventVersion": "1.09",
        "userIdentity": identity(caller, account, n),
        "eventTime": f"2026-11-{9 + s // 86400:02d}T{s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z",
        "eventSource": source,
        "eventName": name,
        "awsRegion": region,
        "sourceIPAddress": f"10.{n % 250}.{n // 250 % 250}.{n // 62500 % 250}",
        "userAgent": "aws-sdk-java/2.25.60 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS "
                     "Java/17.0.11 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/adaptive",
        "requestParameters": {"maxResults": 1000, "filterSet": {"items": [
            {"name": "tag:team", "valueSet": {"items": [{"value": "payments"}]}}]}},
        "responseElements": {
            "requestId": f"{n:016x}-5d2c-4b6e-9f1a-{n * 31:012x}",
            "reservationSet": {"items": [{"reservationId": f"r-{n:017x}", "ownerId": account, "instancesSet": {"items": [{
                "instanceId": f"i-{n:017x}", "imageId": "ami-0abcdef1234567890",
                "instanceState": {"code": 16, "name": "running"},
                "privateDnsName": f"ip-10-0-{n % 250}-{n // 250 % 250}.{region}.compute.internal",
                "instanceType": "m6i.large", "launchTime": 1763200000,
                "placement": {"availabilityZone": f"{region}a", "tenancy": "default"},
                "monitoring": {"state": "disabled"}, "subnetId": "subnet-0123456789abcdef0",
                "vpcId": "vpc-0123456789abcdef0", "privateIpAddress": f"10.0.{n % 250}.{n // 250 % 250}",
                "architecture": "x86_64", "rootDeviceType": "ebs",
                "tagSet": {"items": [{"key": "team", "value": "payments"}, {"key": "env", "value": "prod"}]}}]}}]}},
        "additionalEventData": {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                                "bytesTransferredIn": 0, "AuthenticationMethod": "AuthHeader",
                                "x-amz-id-2": f"{n:032x}/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH=",
                                "bytesTransferredOut": 1024 + n % 4096},
        "requestID": f"{n:08x}-1111-2222-3333-{n * 7:012x}",
        "eventID": f"{n:08x}-aaaa-bbbb-cccc-{n * 13:012x}",
        "readOnly": name.startswith(("Describe", "Get", "List")),
        "resources": resources,
        "eventType": "AwsApiCall",
        "managementEvent": source != "s3.amazonaws.com",
        "recipientAccountId": account,
        "eventCategory": "Data" if source == "s3.amazonaws.com" else "Management",
        "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                       "clientProvidedHostHeader": f"{source.split('.')[0]}.{region}.amazonaws.com"},
    }


def main():
    out, events = sys.argv[1], int(sys.argv[2])
    per_file = 5000
    for f in range((events + per_file - 1) // per_file):
        rng = random.Random(0x5EED + f)
        folder = os.path.join(out, "AWSLogs", "o-exampleorg1", f"{f % 11:03d}", "CloudTrail", "eu-west-1")
        os.makedirs(folder, exist_ok=True)
        start, end = f * per_file, min(events, (f + 1) * per_file)
        records = [record(rng, n) for n in range(start, end)]
        with gzip.open(os.path.join(folder, f"{f:05d}_CloudTrail_eu-west-1.json.gz"), "wt", compresslevel=6) as gz:
            json.dump({"Records": records}, gz, separators=(",", ":"))
    print(f"wrote {events} events to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
