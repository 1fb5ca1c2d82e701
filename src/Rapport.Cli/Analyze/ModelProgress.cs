using System.CommandLine;
using Rapport.Cli.Infrastructure;
using Spectre.Console;

namespace Rapport.Cli.Analyze;

/// <summary>
/// Progress of the model commands on stderr: a Spectre.Console progress display on an interactive terminal, nothing
/// otherwise (redirected output, --json, tests).
/// </summary>
internal sealed class ModelProgress
{
    private readonly ProgressContext? _context;
    private ProgressTask? _current;

    private ModelProgress(ProgressContext? context) => _context = context;

    public static T Run<T>(ParseResult parse, Func<ModelProgress, T> work)
    {
        var interactive = !CliJson.Wanted(parse) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return work(new ModelProgress(null));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(context => work(new ModelProgress(context)));
    }

    /// <summary>Starts a stage; with <paramref name="total"/> ≤ 0 the bar is indeterminate.</summary>
    public void Stage(string description, double total = 0)
    {
        if (_context is null)
        {
            return;
        }
        Complete();
        _current = _context.AddTask(Markup.Escape(description), maxValue: total > 0 ? total : 1);
        _current.IsIndeterminate = total <= 0;
    }

    public void Describe(string description)
    {
        if (_current is not null)
        {
            _current.Description = Markup.Escape(description);
        }
    }

    public void Advance(double by = 1) => _current?.Increment(by);

    public void Complete()
    {
        if (_current is not null)
        {
            _current.IsIndeterminate = false;
            _current.Value = _current.MaxValue;
            _current.StopTask();
            _current = null;
        }
    }
}
