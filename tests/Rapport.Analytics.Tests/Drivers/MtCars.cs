using Rapport.Analytics.Drivers;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Drivers;

/// <summary>R's mtcars (TestData/mtcars.csv, sources in TestData/README.md), read through the production wide-CSV reader.</summary>
internal static class MtCars
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "TestData", "mtcars.csv");

    private static readonly Lazy<Dictionary<string, double[]>> Columns = new(Load);

    public static DriverColumn Column(string name) => new(name, Columns.Value[name]);

    public static DriverColumn[] Many(params string[] names) => names.Select(Column).ToArray();

    private static Dictionary<string, double[]> Load()
    {
        using var reader = WideCsvReader.Open(FilePath);
        var lists = reader.Columns.Skip(1).ToDictionary(c => c, _ => new List<double>());
        while (reader.Read())
        {
            foreach (var (name, list) in lists)
            {
                list.Add(reader.GetNumber(reader.IndexOf(name)));
            }
        }
        return lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }
}
