if (args is ["account-list", ..])
{
    return await Rapport.Benchmarks.AccountListLoadTest.RunAsync(args[1..]);
}
if (args is ["insights", ..])
{
    return await Rapport.Benchmarks.Insights.InsightsBenchmark.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "import")
{
    return await Rapport.Benchmarks.Import.ImportBenchmark.RunAsync(args[1..]);
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
