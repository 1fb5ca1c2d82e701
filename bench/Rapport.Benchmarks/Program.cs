if (args is ["account-list", ..])
{
    return await Rapport.Benchmarks.AccountListLoadTest.RunAsync(args[1..]);
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
