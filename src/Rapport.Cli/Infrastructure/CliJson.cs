using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Cli.Infrastructure;

/// <summary>JSON output of SPEC §7.2: one camelCase object on stdout.</summary>
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

    public static bool Wanted(ParseResult parse) => parse.GetValue(CommonOptions.Json);
}
