-- The audit trail is append-only: updates and deletes are refused by the database itself.
-- (A superuser can still disable the trigger; the hash chain then exposes the change.)
CREATE FUNCTION "platform"."audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'platform.audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "platform"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "platform"."audit_log_refuse_change"();
