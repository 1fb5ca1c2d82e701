using System.Text;
using System.Text.Json;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Tests.Analyze;

/// <summary>Runs the CLI in-process and keeps temporary input files for one test class.</summary>
public abstract class SurveyCliTestBase : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-cli-survey-").FullName;

    protected static string MtCars => Path.Combine(AppContext.BaseDirectory, "TestData", "mtcars.csv");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    protected string WriteCsv(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    protected static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    protected static async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync([.. args, "--json"]);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal("", error);
        return JsonDocument.Parse(output).RootElement;
    }
}
