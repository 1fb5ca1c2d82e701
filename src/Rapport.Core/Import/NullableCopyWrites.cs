using Npgsql;
using NpgsqlTypes;

namespace Rapport.Core.Import;

/// <summary>
/// Writes of values that may be missing into a binary COPY: the value with its column type, or SQL NULL. The one
/// place for the "value or NULL" step, shared by the imports, the scoring job and the demo seeders.
/// </summary>
public static class NullableCopyWrites
{
    /// <summary>Writes <paramref name="value"/> as <paramref name="type"/>, or NULL when it has none.</summary>
    public static void WriteNullable<T>(this NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
        {
            w.Write(v, type);
        }
        else
        {
            w.WriteNull();
        }
    }

    /// <inheritdoc cref="WriteNullable{T}(NpgsqlBinaryImporter, T?, NpgsqlDbType)"/>
    public static void WriteNullable<T>(this NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : class
    {
        if (value is not null)
        {
            w.Write(value, type);
        }
        else
        {
            w.WriteNull();
        }
    }

    /// <inheritdoc cref="WriteNullable{T}(NpgsqlBinaryImporter, T?, NpgsqlDbType)"/>
    public static Task WriteNullableAsync<T>(this NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct);

    /// <inheritdoc cref="WriteNullable{T}(NpgsqlBinaryImporter, T?, NpgsqlDbType)"/>
    public static Task WriteNullableAsync<T>(this NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : class =>
        value is not null ? w.WriteAsync(value, type, ct) : w.WriteNullAsync(ct);
}
