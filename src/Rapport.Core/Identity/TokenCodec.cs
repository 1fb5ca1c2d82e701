using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Core.Identity;

/// <summary>
/// Personal access tokens: <c>rpt_</c> + base64url of 32 random bytes (256 bits). Only the SHA-256 of the token is
/// stored; a fast hash suffices because the token has full entropy, unlike a password.
/// </summary>
public static class TokenCodec
{
    public const string Scheme = "rpt_";

    /// <summary>Length of a token: the scheme and 43 base64url characters.</summary>
    public const int Length = 47;

    /// <summary>Characters of the token kept in clear to recognise it in lists ("rpt_" + 8).</summary>
    public const int PrefixLength = 12;

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Scheme + Base64Url.EncodeToString(bytes);
    }

    /// <summary>True when <paramref name="token"/> has the shape of a Rapport token (cheap check before any lookup).</summary>
    public static bool LooksValid(ReadOnlySpan<char> token) =>
        token.Length == Length && token.StartsWith(Scheme, StringComparison.Ordinal) && Base64Url.IsValid(token[Scheme.Length..]);

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string Prefix(string token) => token[..PrefixLength];
}
