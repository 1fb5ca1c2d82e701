using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Rapport.Analytics.Input;

namespace Rapport.Analytics.Tests.Input;

public sealed class CellParsersTests
{
    [Fact]
    public void TryParseNumber_PlainDecimalsUpToSeventeenDigits_BitIdenticalToDoubleParse()
    {
        var numbers =
            from sign in Gen.Elements("", "-", "+")
            from intDigits in Gen.Elements("0123456789".ToCharArray()).ArrayOf().Select(a => new string(a))
            from point in Gen.Elements(true, false)
            from fracDigits in Gen.Elements("0123456789".ToCharArray()).ArrayOf().Select(a => new string(a))
            select sign + intDigits + (point ? "." + fracDigits : "");
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(Arb.From(numbers), text =>
        {
            var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected) && double.IsFinite(expected);
            var ok = CellParsers.TryParseNumber(text, false, out var actual);
            return ok == expectedOk && (!ok || BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(expected));
        }));
    }

    [Theory]
    [InlineData("2.55", false, 2.55)]
    [InlineData(" -0.1 ", false, -0.1)]
    [InlineData("1e3", false, 1000)]
    [InlineData(".5", false, 0.5)]
    [InlineData("123456789012345678", false, 123456789012345678d)]
    [InlineData("1,25", true, 1.25)]
    public void TryParseNumber_VariousShapes_ParsedLikeInvariantCulture(string text, bool commaDecimal, double expected)
    {
        Assert.True(CellParsers.TryParseNumber(text, commaDecimal, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1,25")]
    public void TryParseNumber_NotANumber_False(string text) =>
        Assert.False(CellParsers.TryParseNumber(text, false, out _));
}
