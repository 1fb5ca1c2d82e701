namespace Rapport.Core.Import.Rules;

/// <summary>Reads the typed fields of one record and collects the broken rules, at most one per field.</summary>
internal sealed class RecordReader(EntitySchema schema, IFieldValues values, ValueFormat format)
{
    private List<FieldError>? _errors;

    public IReadOnlyList<FieldError> Errors => _errors ?? (IReadOnlyList<FieldError>)[];

    public List<FieldError> ErrorList => _errors ??= [];

    public ValueFormat Format => format;

    public bool Present(int field) => values.IsPresent(field);

    public void Add(int field, string message) => Rule.Add(ErrorList, schema.Columns[field].Name, message);

    private bool Empty(int field, bool required, out ReadOnlySpan<char> text)
    {
        text = values.Get(field).Trim();
        if (!text.IsEmpty)
        {
            return false;
        }
        if (required)
        {
            Add(field, CellRules.RequiredMessage);
        }
        return true;
    }

    public string? Text(int field, bool required = false) =>
        Empty(field, required, out var t) ? null : t.ToString();

    public string? Id(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (t.Length > CellRules.MaxIdLength)
        {
            Add(field, CellRules.LengthMessage(CellRules.MaxIdLength));
            return null;
        }
        return t.ToString();
    }

    public decimal? Number(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.TryParseDecimal(t, format.CommaDecimal, out var v))
        {
            Add(field, CellRules.NumberMessage(t, format.CommaDecimal));
            return null;
        }
        return v;
    }

    public int? Integer(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.TryParseDecimal(t, format.CommaDecimal, out var v))
        {
            Add(field, CellRules.NumberMessage(t, format.CommaDecimal));
            return null;
        }
        if (v != decimal.Truncate(v))
        {
            Add(field, CellRules.IntegerMessage(t));
            return null;
        }
        if (v is > int.MaxValue or < int.MinValue)
        {
            Add(field, CellRules.RangeMessage(t, int.MaxValue));
            return null;
        }
        return (int)v;
    }

    public DateOnly? Date(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.TryParseDate(t, format.DateFormat, out var d))
        {
            Add(field, CellRules.DateMessage(t, format.DateFormat));
            return null;
        }
        return d;
    }

    public DateTimeOffset? Timestamp(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.TryParseTimestamp(t, format.DateFormat, out var d))
        {
            Add(field, CellRules.TimestampMessage(t, format.DateFormat));
            return null;
        }
        return d;
    }

    public bool? Boolean(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.TryParseBoolean(t, out var b))
        {
            Add(field, CellRules.BooleanMessage(t));
            return null;
        }
        return b;
    }

    public T? Enum<T>(int field, bool required = false) where T : struct, System.Enum
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.TryParseEnum<T>(t, out var v))
        {
            Add(field, CellRules.EnumMessage<T>(t));
            return null;
        }
        return v;
    }

    public string? Email(int field, bool required = false)
    {
        if (Empty(field, required, out var t))
        {
            return null;
        }
        if (!CellRules.IsEmail(t))
        {
            Add(field, CellRules.EmailMessage(t));
            return null;
        }
        return t.ToString();
    }

    public string? Currency(int field)
    {
        if (Empty(field, false, out var t))
        {
            return null;
        }
        if (!CellRules.IsCurrency(t))
        {
            Add(field, CellRules.CurrencyMessage(t));
            return null;
        }
        return t.ToString().ToUpperInvariant();
    }
}

/// <summary>Helpers for the semantic checks that run on typed input (shared by Parse and Validate).</summary>
internal static class Rule
{
    /// <summary>Adds an error unless the field already has one (a field that failed to parse is not also "required").</summary>
    public static void Add(List<FieldError> errors, string field, string message)
    {
        foreach (var e in errors)
        {
            if (e.Field == field)
            {
                return;
            }
        }
        errors.Add(new FieldError(field, message));
    }

    public static void Required(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, CellRules.RequiredMessage);
        }
        else if (value.Length > CellRules.MaxIdLength && field.EndsWith("_id", StringComparison.Ordinal))
        {
            Add(errors, field, CellRules.LengthMessage(CellRules.MaxIdLength));
        }
    }

    public static void Required<T>(List<FieldError> errors, string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(errors, field, CellRules.RequiredMessage);
        }
    }

    public static void NonNegative(List<FieldError> errors, string field, decimal? value)
    {
        if (value < 0)
        {
            Add(errors, field, CellRules.NegativeMessage(value.Value));
        }
    }

    public static void NonNegative(List<FieldError> errors, string field, int? value)
    {
        if (value < 0)
        {
            Add(errors, field, CellRules.NegativeMessage(value.Value));
        }
    }

    /// <summary>numeric(p, s) holds absolute values below 10^(p−s).</summary>
    public static void Fits(List<FieldError> errors, string field, decimal? value, int precision, int scale)
    {
        if (value is { } v)
        {
            var limit = Pow10(precision - scale);
            if (Math.Abs(Math.Round(v, scale)) >= limit)
            {
                Add(errors, field, CellRules.RangeMessage(v.ToString(System.Globalization.CultureInfo.InvariantCulture), limit - Pow10Negative(scale)));
            }
        }
    }

    public static void Email(List<FieldError> errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !CellRules.IsEmail(value))
        {
            Add(errors, field, CellRules.EmailMessage(value));
        }
    }

    public static void NotBefore(List<FieldError> errors, string field, DateOnly? value, string otherField, DateOnly? other)
    {
        if (value is { } v && other is { } o && v < o)
        {
            Add(errors, field, $"{field} {v:yyyy-MM-dd} is before {otherField} {o:yyyy-MM-dd}");
        }
    }

    public static void Currency(List<FieldError> errors, string field, string? value)
    {
        if (value is not null && !CellRules.IsCurrency(value))
        {
            Add(errors, field, CellRules.CurrencyMessage(value));
        }
    }

    public static void Enum<T>(List<FieldError> errors, string field, T? value) where T : struct, System.Enum
    {
        if (value is { } v && !System.Enum.IsDefined(v))
        {
            Add(errors, field, CellRules.EnumMessage<T>(v.ToString()));
        }
    }

    // Fits runs for three columns of every order line: the powers are looked up, not multiplied out each time.
    private static readonly decimal[] Powers = [.. Enumerable.Range(0, 29).Select(n => Enumerable.Repeat(10m, n).Aggregate(1m, (a, b) => a * b))];

    private static decimal Pow10(int n) => n is >= 0 and < 29 ? Powers[n] : throw new ArgumentOutOfRangeException(nameof(n), n, "0–28 digits");

    private static decimal Pow10Negative(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r /= 10;
        }
        return r;
    }
}
