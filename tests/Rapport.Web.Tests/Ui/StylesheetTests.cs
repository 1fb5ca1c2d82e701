namespace Rapport.Web.Tests.Ui;

/// <summary>
/// The one stylesheet is edited by every feature; a lost closing brace (e.g. from a merge) silently turns every later
/// rule into part of a print or narrow-screen block, so the pages lose their layout without any error.
/// </summary>
public sealed class StylesheetTests
{
    private static string StylesheetPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Rapport.Web", "wwwroot", "app.css");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("src/Rapport.Web/wwwroot/app.css not found above the test directory.");
    }

    [Fact]
    public void AppCss_EveryBlock_ClosedAndTopLevelRulesOutsideMediaQueries()
    {
        var lines = File.ReadAllLines(StylesheetPath());
        var depth = 0;
        var misplaced = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            // A rule written at column 0 is meant to be top-level; inside an open block it is not.
            if (depth > 0 && line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '}' && line.Contains('{', StringComparison.Ordinal))
            {
                misplaced.Add($"line {i + 1}: {line}");
            }
            var inComment = false;
            for (var c = 0; c < line.Length; c++)
            {
                if (!inComment && line[c] == '/' && c + 1 < line.Length && line[c + 1] == '*')
                {
                    inComment = true;
                }
                else if (inComment && line[c] == '*' && c + 1 < line.Length && line[c + 1] == '/')
                {
                    inComment = false;
                }
                else if (!inComment && line[c] == '{')
                {
                    depth++;
                }
                else if (!inComment && line[c] == '}')
                {
                    depth--;
                    Assert.True(depth >= 0, $"app.css line {i + 1}: '}}' without an open block.");
                }
            }
        }

        Assert.Empty(misplaced.Take(5));
        Assert.Equal(0, depth);
    }
}
