using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Rapport.Cli.Infrastructure;

/// <summary>JSON output of docs/cli.md#conventions: one camelCase object on stdout.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(ParseResult parse, object value)
    {
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
    }

    /// <summary>
    /// Like <see cref="Write(ParseResult, object)"/> with source-generated metadata: a one-shot process then skips
    /// building the serializer by reflection. Create the type info from a context constructed with
    /// <c>new JsonSerializerOptions(CliJson.Options)</c> so the output is the same.
    /// </summary>
    public static void Write<T>(ParseResult parse, T value, JsonTypeInfo<T> typeInfo)
    {
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine(JsonSerializer.Serialize(value, typeInfo));
    }

    public static bool Wanted(ParseResult parse) => parse.GetValue(CommonOptions.Json);
}
