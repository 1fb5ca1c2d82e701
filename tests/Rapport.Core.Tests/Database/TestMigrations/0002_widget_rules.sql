-- Test-only migration: semicolons inside a dollar-quoted body and a partial index must survive statement splitting.
CREATE FUNCTION widget_label(w widgets) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF w.name = '' THEN
        RETURN '(unnamed)';
    END IF;
    RETURN upper(w.name);
END;
$$;

CREATE UNIQUE INDEX widgets_name_active ON widgets (name) WHERE name <> '';

DO $$
BEGIN
    INSERT INTO widgets (name) VALUES ('seed; with semicolon');
END;
$$;
