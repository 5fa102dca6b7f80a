export const slackDriver = (_: unknown): any => undefined;
