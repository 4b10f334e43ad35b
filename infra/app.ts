import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JingrongStack } from './stack.ts';

/**
 * CDK entry point (`npm run synth`). No account or region on the stack, so synth needs no
 * credentials or network; deploy picks them up from the environment.
 */
const app = new App();
// Optional settings at deploy time: `npx cdk deploy -c alarmEmail=oncall@example.cn -c signInDomainPrefix=…`
const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
new JingrongStack(app, 'Jingrong', {
  description: 'Jingrong 精融: SRDI firm financing matching (table, HTTP API, Lambda, Cognito)',
  alarmEmail: context('alarmEmail'),
  signInDomainPrefix: context('signInDomainPrefix'),
});
// cdk-nag 3.x is a policy-validation plugin: any unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
