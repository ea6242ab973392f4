ALTER TABLE "identity"."service_clients" ADD COLUMN "scopes" jsonb DEFAULT '["api"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."service_clients" ADD COLUMN "resource_server" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Secrets at rest: client secrets become their SHA-256 (oidc/client-secrets.ts), and provider
-- records are keyed by the SHA-256 of their id (the token) without the id in the payload.
UPDATE "identity"."service_clients" SET "secret" = 'sha256:' || encode(sha256(convert_to("secret", 'UTF8')), 'hex') WHERE "secret" NOT LIKE 'sha256:%';--> statement-breakpoint
UPDATE "identity"."oidc_payloads" SET "id" = encode(sha256(convert_to("id", 'UTF8')), 'hex'), "payload" = "payload" - 'jti';
