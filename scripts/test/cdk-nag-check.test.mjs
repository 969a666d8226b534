// The check itself, on small templates: it fails on an unacknowledged finding, passes once the finding is acknowledged
// with a reason in cdk-nag's audit format, and fails on a reason that says nothing and on an acknowledgment that
// matches no finding. Run by `make test-nag` before the real templates are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = new URL('../cdk-nag-check.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cdk-nag-check-'));
const reason = 'Alarm notifications only, published by CloudWatch over TLS; this is a test fixture.';

function check(resources) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  const run = spawnSync(process.execPath, [script, file, 'fixture'], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

const topic = (metadata) => ({ Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'T' }, ...(metadata && { Metadata: metadata }) } });
const acknowledging = (...rules) => ({ cdk_nag: { rules_to_suppress: rules } });

test('a finding nobody acknowledged fails the check and is named', () => {
  const { status, output } = check(topic());
  assert.equal(status, 1);
  assert.match(output, /OPEN error AwsSolutions-SNS3 on Topic/);
});

test('a finding acknowledged with a reason in the resource Metadata passes', () => {
  const { status, output } = check(topic(acknowledging({ id: 'AwsSolutions-SNS3', reason })));
  assert.equal(status, 0, output);
  assert.match(output, /AwsSolutions-SNS3 +error +1 found +1 acknowledged +0 open/);
});

test('an acknowledgment whose reason says nothing fails the check', () => {
  for (const bad of ['ok', 'TODO: explain why this is fine, later on']) {
    const { status, output } = check(topic(acknowledging({ id: 'AwsSolutions-SNS3', reason: bad })));
    assert.equal(status, 1, bad);
    assert.match(output, /BAD ACKNOWLEDGMENT Topic .*AwsSolutions-SNS3/);
  }
});

test('an acknowledgment that matches no finding fails the check as stale', () => {
  const { status, output } = check(topic(acknowledging({ id: 'AwsSolutions-SNS3', reason }, { id: 'AwsSolutions-SQS3', reason })));
  assert.equal(status, 1);
  assert.match(output, /Topic: AwsSolutions-SQS3 is acknowledged but the packs report no such finding there/);
});

test('applies_to acknowledges only the named findings of a rule, as cdk-nag v3 names them', () => {
  const role = (appliesTo) => ({
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'P', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' }] } }],
      },
      Metadata: acknowledging({ id: 'AwsSolutions-IAM5', reason, applies_to: appliesTo }),
    },
  });
  assert.equal(check(role(['Resource::*'])).status, 0);
  const other = check(role(['Resource::arn:aws:s3:::bucket/*']));
  assert.equal(other.status, 1);
  assert.match(other.output, /OPEN error AwsSolutions-IAM5\[Resource::\*\] on Role/);
});
