namespace Rapport.Analytics.Tests;
