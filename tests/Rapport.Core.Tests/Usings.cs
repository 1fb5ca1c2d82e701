namespace Rapport.Core.Tests;
