using FsCheck;
using FsCheck.Fluent;
using Rapport.Core.Identity;

namespace Rapport.Core.Tests.Identity;

public sealed class TokenCodecTests
{
    [Fact]
    public void Generate_ManyTokens_AreWellFormedAndDistinct()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => TokenCodec.Generate()).ToList();

        Assert.All(tokens, t => Assert.True(TokenCodec.LooksValid(t), t));
        Assert.All(tokens, t => Assert.Matches("^rpt_[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Hash_SameToken_IsStableSha256()
    {
        var token = TokenCodec.Generate();

        Assert.Equal(TokenCodec.Hash(token), TokenCodec.Hash(token));
        Assert.Equal(32, TokenCodec.Hash(token).Length);
        Assert.Equal(token[..12], TokenCodec.Prefix(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("rpt_")]
    [InlineData("Bearer rpt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rpt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public void LooksValid_MalformedTokens_False(string token) => Assert.False(TokenCodec.LooksValid(token));

    [Fact]
    public void LooksValid_ArbitraryStrings_NeverThrows() =>
        Check.QuickThrowOnFailure(Prop.ForAll<string>(s =>
        {
            _ = TokenCodec.LooksValid(s ?? "");
            return true;
        }));
}
