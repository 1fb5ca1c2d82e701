using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Import;
using Rapport.Testing;

namespace Rapport.Core.Tests.Import;

/// <summary>
/// The hand-rolled binary COPY writer must store exactly what the values say (read back through the server's text
/// output), round into typed numeric columns exactly as Npgsql's own importer does, and leave the connection usable
/// after a failed or abandoned COPY.
/// </summary>
public sealed class PgBinaryCopyWriterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private sealed record Row(int Id, long? Big, int? Int, DateOnly? Date, string? Text, decimal? N2, decimal? N3, decimal? N);

    private const string Columns = "id, b, i, d, t, n2, n3, n";

    private static readonly decimal NegativeZero = new(0, 0, 0, true, 2);

    private static readonly Row[] Rows =
    [
        new(1, null, null, null, null, null, null, null),
        new(2, long.MaxValue, int.MinValue, new DateOnly(1, 1, 1), "Grüße aus Köln 🎉 — ✓", 0m, 0.000m, 0m),
        new(3, long.MinValue, int.MaxValue, new DateOnly(1999, 12, 31), "", 0.00m, -0.01m, 0.00m),
        new(4, 0, 0, new DateOnly(2000, 1, 1), "ÄÖÜäöüß 👩‍👩‍👧", -0.01m, 1.0005m, -0.01m),
        new(5, -1, -1, new DateOnly(9999, 12, 31), "plain", 1m, 12345.6789m, 1m),
        new(6, 6000, -6, new DateOnly(2024, 2, 29), "x", 10000m, 9999.9999m, 10000m),
        new(7, 7000, -7, new DateOnly(2000, 1, 2), null, 12345.6789m, 0.0001m, 12345.6789m),
        new(8, 8000, -8, new DateOnly(1999, 12, 30), "y", 9999.9999m, 100000000.5m, 9999.9999m),
        new(9, 9000, -9, null, "z", 0.0001m, -2.6755m, 0.0001m),
        new(10, null, -10, new DateOnly(2025, 6, 30), "z", 100000000.5m, 0.1234567890123456789012345678m, 100000000.5m),
        new(11, 11000, null, new DateOnly(2025, 6, 30), "z", -123456789012.34m, null, -123456789012.34m),
        new(12, 12000, -12, new DateOnly(2025, 6, 30), "z", 1.005m, 12.50m, decimal.MaxValue),
        new(13, 13000, -13, new DateOnly(2025, 6, 30), "z", -2.675m, -0.0005m, decimal.MinValue),
        new(14, 14000, -14, new DateOnly(2025, 6, 30), "z", 0.1234567890123456789012345678m, 10m, 0.1234567890123456789012345678m),
        new(15, 15000, -15, new DateOnly(2025, 6, 30), "z", null, null, -7.9228162514264337593543950335m),
        new(16, 16000, -16, new DateOnly(2025, 6, 30), "z", 12.50m, null, 12.50m),
        new(17, 17000, -17, new DateOnly(2025, 6, 30), "z", NegativeZero, NegativeZero, NegativeZero),
        new(18, 18000, -18, new DateOnly(2025, 6, 30), "z", null, null, 0.0000000000000000000000000001m),
        new(19, 19000, -19, new DateOnly(2025, 6, 30), "z", null, null, 1234567890123456789012345678.9m),
        new(20, 20000, -20, new DateOnly(2025, 6, 30), "z", null, null, 100000000m),
    ];

    [Fact]
    public async Task CompleteAsync_EveryColumnType_ReadsBackExactly()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE copy_exact (id integer, b bigint, i integer, d date, t text, n2 numeric(16,2), n3 numeric(14,3), n numeric)");

        await using (var writer = await PgBinaryCopyWriter.StartAsync(connection, $"COPY copy_exact ({Columns}) FROM STDIN (FORMAT BINARY)", default))
        {
            foreach (var row in Rows)
            {
                Write(writer, row);
            }
            await writer.CompleteAsync(default);
        }

        var stored = await ReadAsync(connection, "copy_exact");
        Assert.Equal(Rows.Length, stored.Count);
        foreach (var row in Rows)
        {
            var s = stored[row.Id];
            Assert.Equal(row.Big?.ToString(CultureInfo.InvariantCulture), s[0]);
            Assert.Equal(row.Int?.ToString(CultureInfo.InvariantCulture), s[1]);
            Assert.Equal(row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s[2]);
            Assert.Equal(row.Text, s[3]);
            Assert.Equal(Text(row.N), s[6]);
        }
        Assert.Equal("12.50", stored[16][6]);
        Assert.Equal("0.00", stored[17][6]);
        Assert.Equal("79228162514264337593543950335", stored[12][6]);
        Assert.Equal("-79228162514264337593543950335", stored[13][6]);
        Assert.Equal("0.1234567890123456789012345678", stored[14][6]);
    }

    [Fact]
    public async Task CompleteAsync_ScaleAboveColumnScale_RoundsLikeNpgsqlImporter()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, """
            CREATE TABLE copy_round_raw (id integer, b bigint, i integer, d date, t text, n2 numeric(16,2), n3 numeric(14,3), n numeric);
            CREATE TABLE copy_round_npgsql (LIKE copy_round_raw);
            """);

        await using (var writer = await PgBinaryCopyWriter.StartAsync(connection, $"COPY copy_round_raw ({Columns}) FROM STDIN (FORMAT BINARY)", default))
        {
            foreach (var row in Rows)
            {
                Write(writer, row);
            }
            await writer.CompleteAsync(default);
        }
        await using (var importer = await connection.BeginBinaryImportAsync("COPY copy_round_npgsql (id, n2, n3, n) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in Rows)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(row.Id, NpgsqlDbType.Integer);
                foreach (var value in new[] { row.N2, row.N3, row.N })
                {
                    if (value is { } v)
                    {
                        await importer.WriteAsync(v, NpgsqlDbType.Numeric);
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }
                }
            }
            await importer.CompleteAsync();
        }

        var raw = await ReadAsync(connection, "copy_round_raw");
        var npgsql = await ReadAsync(connection, "copy_round_npgsql");
        foreach (var row in Rows)
        {
            Assert.Equal(npgsql[row.Id][4..], raw[row.Id][4..]);
        }
        // The server rounds half away from zero to the column's scale.
        Assert.Equal("1.01", raw[12][4]);
        Assert.Equal("-2.68", raw[13][4]);
        Assert.Equal("10000.00", raw[8][4]);
        Assert.Equal("12345.679", raw[5][5]);
        Assert.Equal("-2.676", raw[9][5]);
        Assert.Equal("-0.001", raw[13][5]);
    }

    [Fact]
    public async Task WriteNumeric_RandomDecimals_RoundTripExactlyIntoPlainNumeric()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE copy_property (id integer, n numeric)");

        var property = Prop.ForAll(Gen.ArrayOf(Decimals()).ToArbitrary(), values =>
        {
            RoundTripAsync(connection, values).GetAwaiter().GetResult();
        });
        // Off the test's synchronization context, so blocking on the database calls inside the property is safe.
        await Task.Run(() => Check.QuickThrowOnFailure(property));
    }

    [Fact]
    public async Task CompleteAsync_NotNullViolated_ThrowsPostgresExceptionAndConnectionStaysUsable()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE copy_not_null (id integer NOT NULL, t text)");

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var writer = await PgBinaryCopyWriter.StartAsync(connection, "COPY copy_not_null (id, t) FROM STDIN (FORMAT BINARY)", default);
            for (var i = 0; i < 5000; i++)
            {
                writer.StartRow(2);
                if (i == 2500)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.WriteInt32(i);
                }
                writer.WriteText("row " + i);
            }
            await writer.CompleteAsync(default);
        });

        Assert.Equal(PostgresErrorCodes.NotNullViolation, error.SqlState);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM copy_not_null"));
    }

    [Fact]
    public async Task DisposeAsync_WithoutComplete_InsertsNothingAndConnectionStaysUsable()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE copy_abandoned (id integer, t text)");

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var writer = await PgBinaryCopyWriter.StartAsync(connection, "COPY copy_abandoned (id, t) FROM STDIN (FORMAT BINARY)", default, bufferSize: 256);
            for (var i = 0; i < 1000; i++)
            {
                writer.StartRow(2);
                writer.WriteInt32(i);
                writer.WriteText("abandoned");
            }
            throw new InvalidOperationException("the source failed mid-way");
        });

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM copy_abandoned"));
    }

    [Fact]
    public async Task StartRow_PreviousRowShortOfColumns_ThrowsAndCancelsCopy()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE copy_short (id integer, t text)");

        await using (var writer = await PgBinaryCopyWriter.StartAsync(connection, "COPY copy_short (id, t) FROM STDIN (FORMAT BINARY)", default))
        {
            writer.StartRow(2);
            writer.WriteInt32(1);
            Assert.Throws<InvalidOperationException>(() => writer.StartRow(2));
            Assert.Throws<InvalidOperationException>(() =>
            {
                writer.WriteText("a");
                writer.WriteText("one too many");
            });
        }

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM copy_short"));
    }

    [Fact]
    public async Task CompleteAsync_SmallBufferAndTextLongerThanBuffer_AllRowsArrive()
    {
        await using var connection = await db.OpenConnectionAsync();
        await ExecuteAsync(connection, "CREATE TABLE copy_flush (id integer, t text, n numeric)");
        var longText = string.Concat(Enumerable.Repeat("Größe 🎉 ", 2000));

        await using (var writer = await PgBinaryCopyWriter.StartAsync(connection, "COPY copy_flush (id, t, n) FROM STDIN (FORMAT BINARY)", default, bufferSize: 256))
        {
            for (var i = 0; i < 3000; i++)
            {
                writer.StartRow(3);
                writer.WriteInt32(i);
                writer.WriteText(i == 1500 ? longText : "r" + i);
                writer.WriteNumeric(i / 100m);
            }
            Assert.Equal(3000, writer.Rows);
            await writer.CompleteAsync(default);
        }

        Assert.Equal(3000L, await ScalarAsync(connection, "SELECT count(*) FROM copy_flush WHERE t = CASE WHEN id = 1500 THEN t ELSE 'r' || id END AND n = id / 100.0"));
        Assert.Equal(longText, await ScalarAsync(connection, "SELECT t FROM copy_flush WHERE id = 1500"));
        Assert.Equal("29.99", await ScalarAsync(connection, "SELECT n::text FROM copy_flush WHERE id = 2999"));
    }

    private static Gen<decimal> Decimals()
    {
        var word = from high in Gen.Choose(0, 0xFFFF) from low in Gen.Choose(0, 0xFFFF) select (high << 16) | low;
        var anyMantissa = from lo in word from mid in word from hi in word select ((UInt128)(uint)hi << 64) | ((ulong)(uint)mid << 32) | (uint)lo;
        // Runs of zero digits exercise the stripping of zero base-10000 digits on both ends and in the middle.
        var zeroHeavy = from length in Gen.Choose(1, 28)
                        from digits in Gen.ArrayOf(Gen.Elements('0', '0', '0', '0', '1', '5', '9'), length)
                        select UInt128.Parse(new string(digits), CultureInfo.InvariantCulture);
        var small = Gen.Choose(0, 100_000).Select(v => (UInt128)(uint)v);
        return from mantissa in Gen.Frequency((2, anyMantissa), (2, zeroHeavy), (1, small))
               from scale in Gen.Choose(0, 28)
               from negative in Gen.Elements(false, true)
               select new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
    }

    private static async Task RoundTripAsync(NpgsqlConnection connection, decimal[] values)
    {
        await ExecuteAsync(connection, "TRUNCATE copy_property");
        await using (var writer = await PgBinaryCopyWriter.StartAsync(connection, "COPY copy_property (id, n) FROM STDIN (FORMAT BINARY)", default))
        {
            for (var i = 0; i < values.Length; i++)
            {
                writer.StartRow(2);
                writer.WriteInt32(i);
                writer.WriteNumeric(values[i]);
            }
            await writer.CompleteAsync(default);
        }
        await using var command = new NpgsqlCommand("SELECT id, n::text, n FROM copy_property ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            var value = values[reader.GetInt32(0)];
            if (reader.GetString(1) != Text(value) || reader.GetDecimal(2) != value)
            {
                throw new InvalidOperationException($"{value.ToString(CultureInfo.InvariantCulture)} came back as {reader.GetString(1)}");
            }
            count++;
        }
        if (count != values.Length)
        {
            throw new InvalidOperationException($"{values.Length} values written, {count} stored");
        }
    }

    private static void Write(PgBinaryCopyWriter writer, Row row)
    {
        writer.StartRow(8);
        writer.WriteInt32(row.Id);
        if (row.Big is { } big)
        {
            writer.WriteInt64(big);
        }
        else
        {
            writer.WriteNull();
        }
        if (row.Int is { } integer)
        {
            writer.WriteInt32(integer);
        }
        else
        {
            writer.WriteNull();
        }
        if (row.Date is { } date)
        {
            writer.WriteDate(date);
        }
        else
        {
            writer.WriteNull();
        }
        writer.WriteText(row.Text);
        writer.WriteNumeric(row.N2);
        writer.WriteNumeric(row.N3);
        writer.WriteNumeric(row.N);
    }

    /// <summary>PostgreSQL's text form of a numeric: the decimal's digits and scale, zero never signed.</summary>
    private static string? Text(decimal? value) => value switch
    {
        null => null,
        0m => value.Value.ToString(CultureInfo.InvariantCulture).TrimStart('-'),
        _ => value.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Every column of <paramref name="table"/> as the server's text, by id: b, i, d, t, n2, n3, n.</summary>
    private static async Task<Dictionary<int, string?[]>> ReadAsync(NpgsqlConnection connection, string table)
    {
        var rows = new Dictionary<int, string?[]>();
        await using var command = new NpgsqlCommand($"SELECT id, b::text, i::text, d::text, t, n2::text, n3::text, n::text FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new string?[7];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
            }
            rows.Add(reader.GetInt32(0), values);
        }
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
