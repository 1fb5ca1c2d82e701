namespace Rapport.Cli.Tests;
