ALTER TABLE "platform"."audit_log" ADD COLUMN "alg" text DEFAULT 'sha256' NOT NULL;--> statement-breakpoint
-- Hand-written below this line (drizzle-kit does not generate triggers).
-- TRUNCATE does not fire row triggers, so the append-only rule of 0001 let it through: refuse it
-- with a statement trigger, on the log and on its head row. (A superuser can still disable
-- triggers; the keyed chain and the checkpoints kept outside the database then expose it.)
CREATE FUNCTION "platform"."audit_refuse_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "platform"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "platform"."audit_refuse_truncate"();
--> statement-breakpoint
CREATE TRIGGER "audit_head_no_truncate" BEFORE TRUNCATE ON "platform"."audit_head"
  FOR EACH STATEMENT EXECUTE FUNCTION "platform"."audit_refuse_truncate"();
--> statement-breakpoint
-- The head row only moves forward: resetting or deleting it is refused too.
CREATE FUNCTION "platform"."audit_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'platform.audit_head only moves forward';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_head_forward_only" BEFORE UPDATE OR DELETE ON "platform"."audit_head"
  FOR EACH ROW EXECUTE FUNCTION "platform"."audit_head_forward_only"();
