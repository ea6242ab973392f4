-- Folds Vietnamese text for search without diacritics: sen_fold('Đăng ký') = 'dang ky'.
-- IMMUTABLE so it can back expression indexes; mirrors foldVietnamese() in packages/platform/ids.ts.
CREATE FUNCTION public.sen_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(lower(normalize(value, NFC)), 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')
$$;
