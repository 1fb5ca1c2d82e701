using Rapport.Core.Identity;

namespace Rapport.Core.Tests.Identity;

public sealed class PasswordsTests
{
    [Fact]
    public void Generate_Password_PassesTheRulesAndAvoidsLookAlikes()
    {
        var password = Passwords.Generate();

        Assert.Null(Passwords.Check(password));
        Assert.Equal(20, password.Length);
        Assert.DoesNotContain(password, c => c is '0' or 'O' or '1' or 'l' or 'I');
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("           ")]
    public void Check_WeakPasswords_ReturnReason(string? password) => Assert.NotNull(Passwords.Check(password));

    [Fact]
    public void Verify_HashOfPassword_AcceptsItAndRejectsOthers()
    {
        var user = new User { Email = "a@b.c", DisplayName = "a" };
        user.PasswordHash = Passwords.Hash(user, "correct horse battery");

        Assert.True(Passwords.Verify(user, "correct horse battery", out var rehash));
        Assert.False(rehash);
        Assert.False(Passwords.Verify(user, "correct horse batterz", out _));
        Assert.DoesNotContain("correct", user.PasswordHash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anna@example.com", true)]
    [InlineData("admin@rapport.local", true)]
    [InlineData("anna", false)]
    [InlineData("@example.com", false)]
    [InlineData("anna@", false)]
    [InlineData("an na@example.com", false)]
    [InlineData("Anna <anna@example.com>", false)]
    [InlineData("a@b@c", false)]
    public void CheckEmail_Addresses_AcceptsOnlyPlainOnes(string email, bool valid) =>
        Assert.Equal(valid, UserDirectory.CheckEmail(email) is null);
}
