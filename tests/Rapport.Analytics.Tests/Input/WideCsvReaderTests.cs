using System.Text;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Input;

public sealed class WideCsvReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-wide-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content, bool bom = false)
    {
        var path = Path.Combine(_dir, $"f{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    [Fact]
    public void Read_SemicolonFileWithBomAndDecimalComma_ParsesNumbers()
    {
        var path = Write("id;score;weight\n1;9;1,5\n2;;2.25\n", bom: true);

        using var reader = WideCsvReader.Open(path);
        var values = new List<(double, double)>();
        while (reader.Read())
        {
            values.Add((reader.GetNumber(reader.RequireColumn("score")), reader.GetNumber(reader.RequireColumn("weight"))));
        }

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["id", "score", "weight"], reader.Columns);
        Assert.Equal(9, values[0].Item1);
        Assert.Equal(1.5, values[0].Item2);
        Assert.True(double.IsNaN(values[1].Item1));
        Assert.Equal(2.25, values[1].Item2);
    }

    [Fact]
    public void GetNumber_BadCellAfterQuotedLineBreak_NamesFileRowAndColumn()
    {
        var path = Write("id,note,score\n1,\"two\nlines\",7\n\n2,ok,seven\n");

        using var reader = WideCsvReader.Open(path);
        var score = reader.RequireColumn("score");
        Assert.True(reader.Read());
        Assert.Equal(7, reader.GetNumber(score));
        Assert.True(reader.Read());
        var ex = Assert.Throws<AnalyticsInputException>(() => reader.GetNumber(score));

        Assert.Contains(path, ex.Message);
        Assert.Contains("row 5", ex.Message);
        Assert.Contains("'score'", ex.Message);
        Assert.Contains("'seven'", ex.Message);
    }

    [Fact]
    public void RequireColumn_Missing_NamesColumnAndOption()
    {
        var path = Write("a,b\n1,2\n");

        using var reader = WideCsvReader.Open(path);
        var ex = Assert.Throws<AnalyticsInputException>(() => reader.RequireColumn("c", "--target"));

        Assert.Contains("'c'", ex.Message);
        Assert.Contains("--target", ex.Message);
        Assert.Equal(1, reader.IndexOf("B"));
    }

    [Fact]
    public void Read_RowWithExtraField_NamesRow()
    {
        var path = Write("a,b\n1,2\n3,4,5\n");

        using var reader = WideCsvReader.Open(path);
        Assert.True(reader.Read());
        var ex = Assert.Throws<AnalyticsInputException>(() => reader.Read());

        Assert.Contains("row 3 has 3 fields but the header has 2", ex.Message);
    }

    [Fact]
    public void Open_DuplicateHeader_Throws()
    {
        var ex = Assert.Throws<AnalyticsInputException>(() => WideCsvReader.Open(Write("a,b,a\n1,2,3\n")));

        Assert.Contains("'a' appears more than once", ex.Message);
    }

    [Fact]
    public void Open_MissingFile_NamesFile()
    {
        var path = Path.Combine(_dir, "nope.csv");

        var ex = Assert.Throws<AnalyticsInputException>(() => WideCsvReader.Open(path));

        Assert.Contains("nope.csv", ex.Message);
    }
}
