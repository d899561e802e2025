namespace Cascade.Router.Tests;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generate_MakesDistinctHighEntropySecretsWithTheScheme()
    {
        string[] secrets = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToArray();

        secrets.Distinct().Count().ShouldBe(100);
        secrets.ShouldAllBe(s => s.StartsWith(ApiKeySecret.Scheme) && s.Length == ApiKeySecret.Scheme.Length + 43);
    }

    [Fact]
    public void Hash_IsTheLowercaseHexSha256OfTheSecret()
    {
        ApiKeySecret.Hash("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        ApiKeySecret.PrefixOf("csk_0123456789abcdef").ShouldBe("csk_01234567");
    }
}
