import type { FastifyRequest } from 'fastify';
import type { GatewayRegistry } from './gateway-registry.ts';
import type { FinishedExchange } from './monitoring.ts';

/**
 * The gateway's optional checks against the service's OpenAPI document (decisions 0040, 0048):
 * of the request before it is relayed, of the provider's answer before it is passed on. Each
 * gives the fault's message, or undefined when the message conforms.
 */

export async function requestProblem(registry: GatewayRegistry, serviceId: string, request: FastifyRequest, target: { servicePath: string; query: string }): Promise<string | undefined> {
  const { request: check } = await registry.descriptionChecks(serviceId);
  const problem = check({ method: request.method, path: target.servicePath, query: target.query, headers: request.headers, body: Buffer.isBuffer(request.body) ? request.body : undefined });
  return problem && `The request does not match the service's description: ${problem}`;
}

/**
 * A non-conforming answer is not passed on: the consumer gets `Server.ServerProxy.ServiceFailed`
 * with the reason, and the message log keeps the provider's answer as received (`providerAnswer`).
 */
export async function answerProblem(
  registry: GatewayRegistry, serviceId: string, request: FastifyRequest, exchange: FinishedExchange, servicePath: string,
  answer: { status: number; headers: Record<string, string>; body: Buffer },
): Promise<string | undefined> {
  const { response: check } = await registry.descriptionChecks(serviceId);
  const problem = check({ method: request.method, path: servicePath, status: answer.status, contentType: answer.headers['content-type'], headers: answer.headers, body: answer.body });
  if (!problem) return undefined;
  exchange.providerAnswer = answer.body;
  request.log.warn({ service: exchange.service, messageId: exchange.id, providerStatus: answer.status, problem }, 'lgsp gateway: the provider\'s answer does not match the service\'s description; withheld');
  return `The provider's answer (${answer.status}) does not match the service's description: ${problem}`;
}
