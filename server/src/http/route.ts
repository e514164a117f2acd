import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../auth/access-tokens';
import type { Role } from '../db/schema';

/** An error the API answers on purpose, as `{ error: { code, message } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More of the why, sent beside the code (e.g. `{ reason }` on device_revoked). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A response body already serialized as JSON (a page of changes spliced from stored JSON text):
 * sent as is, with the JSON content type.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Every role a retailer's users sign in with: a route any signed-in user may call. */
export const ALL_ROLES = [
  'agent',
  'trainer',
  'supervisor',
  'retailer_admin',
] as const satisfies Role[];

/**
 * The roles that oversee desks and agents: a supervisor (their own center, see center-scope.ts)
 * and the retailer admin (every center).
 */
export const SUPERVISOR_ROLES = ['supervisor', 'retailer_admin'] as const satisfies Role[];

export interface RouteContext<Body, Query> {
  principal: Principal;
  body: Body;
  query: Query;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One route, declared once: Fastify registers it, zod validates it, and /openapi.json is
 * generated from the same schemas, so the document cannot drift from the code.
 */
export interface RouteSpec<Body = unknown, Query = unknown, Response = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  /** More than the summary says, for the API document (e.g. a stream's events). */
  description?: string;
  /**
   * Roles allowed to call it, or 'public' (sign-in, refresh, the API document). `operator` (the
   * operator's key) is listed on the operator's routes only, and on none of a retailer's.
   */
  roles: readonly (Role | 'operator')[] | 'public';
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  /** Omitted for streaming responses (server-sent events). */
  response?: z.ZodType<Response>;
  /** Requests per minute per user (or per address for public routes). */
  rateLimitPerMinute?: number;
  /** Refusals this route answers besides the usual ones: status → what it means (the codes). */
  errors?: Record<string, string>;
  /** The response, or {@link RawJson} text that must match `response`. */
  handler(ctx: RouteContext<Body, Query>): Promise<Response | RawJson | void>;
}

export function defineRoute<Body, Query, Response>(spec: RouteSpec<Body, Query, Response>) {
  return spec as unknown as RouteSpec;
}

export function registerRoutes(
  app: FastifyInstance,
  routes: readonly RouteSpec[],
  authenticate: (request: FastifyRequest) => Principal | null | Promise<Principal | null>,
): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: {
        rateLimit: { max: route.rateLimitPerMinute ?? 600, timeWindow: '1 minute' },
      },
      handler: async (request, reply) => {
        let principal: Principal | null = null;
        if (route.roles !== 'public') {
          principal = await authenticate(request);
          if (!principal)
            throw new HttpError(
              401,
              'unauthenticated',
              'Sign in first: the access token is missing, invalid or expired.',
            );
          if (!route.roles.includes(principal.role)) {
            throw new HttpError(
              403,
              'forbidden',
              `The ${principal.role} role may not ${route.summary.toLowerCase()}.`,
            );
          }
        }
        const body = parse(route.body, request.body, 'body');
        const query = parse(route.query, request.query, 'query');
        const result = await route.handler({
          principal: principal as Principal,
          body,
          query,
          request,
          reply,
        });
        if (result instanceof RawJson) {
          void reply.type('application/json; charset=utf-8');
          return result.text;
        }
        return result;
      },
    });
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${[where, ...i.path].join('.')}: ${i.message}`)
    .join('; ');
  throw new HttpError(400, 'invalid_request', issues);
}

/** The OpenAPI 3.1 document of the routes, from their zod schemas. */
export function openApiDocument(routes: readonly RouteSpec[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const pathParameters = [...route.url.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1]!,
      in: 'path',
      required: true,
      schema: { type: 'string', maxLength: 200 },
    }));
    const operation: Record<string, unknown> = {
      // Named after the method and path, so client generators need not invent names.
      operationId: operationId(route.method, route.url),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      security: route.roles === 'public' ? [] : [{ bearer: [] }],
      ...(route.roles !== 'public' ? { 'x-roles': route.roles } : {}),
      responses: {
        '200': route.response
          ? {
              description: 'OK',
              content: { 'application/json': { schema: jsonSchema(route.response) } },
            }
          : { description: 'A stream of server-sent events', content: { 'text/event-stream': {} } },
        '400': { description: 'Invalid request' },
        ...(route.roles === 'public'
          ? {}
          : {
              '401': {
                description:
                  'Not signed in (unauthenticated), or the token stopped working before it expired: its sign-in was revoked (session_revoked), its user disabled (user_disabled) or its desk removed (device_revoked)',
              },
              '403': { description: 'Role not allowed' },
            }),
        '429': { description: 'Rate limited; see Retry-After' },
        ...Object.fromEntries(
          Object.entries(route.errors ?? {}).map(([status, description]) => [
            status,
            { description },
          ]),
        ),
      },
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body) } },
      };
    }
    if (pathParameters.length > 0) operation.parameters = pathParameters;
    if (route.query) {
      const schema = jsonSchema(route.query) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      operation.parameters = [
        ...pathParameters,
        ...Object.entries(schema.properties ?? {}).map(([name, s]) => ({
          name,
          in: 'query',
          required: schema.required?.includes(name) ?? false,
          schema: s,
        })),
      ];
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Koe reference retailer API',
      version,
      // Client generators and API gateways expect one; the reference server is the project's own.
      license: {
        name: 'Proprietary: the Koe project and the retailers it is deployed for',
        identifier: 'LicenseRef-Koe-Proprietary',
      },
    },
    // Relative: the document is served by the API it describes, wherever that runs.
    servers: [{ url: '/', description: 'The server this document was fetched from' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** `GET /v1/webhooks/:id/deliveries` → `getV1WebhooksIdDeliveries`. */
export function operationId(method: string, url: string): string {
  const words = url.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
