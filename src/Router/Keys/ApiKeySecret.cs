using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Cascade.Router;

/// <summary>Makes and hashes API key secrets: <c>csk_</c> followed by 256 random bits in base64url.</summary>
/// <remarks>
/// A plain SHA-256 suffices (no salt, no slow hash): the secret has 256 bits of entropy, so there is nothing to
/// guess, and a fast hash keeps authentication to one lookup per request.
/// </remarks>
public static class ApiKeySecret
{
    /// <summary>The start of every secret.</summary>
    public const string Scheme = "csk_";

    /// <summary>The number of characters of the secret kept as its visible prefix.</summary>
    public const int PrefixLength = 12;

    /// <summary>Makes a new secret.</summary>
    public static string Generate() => Scheme + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Hashes a secret to the lowercase hex SHA-256 the store keeps.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Gets the visible prefix of a secret.</summary>
    public static string PrefixOf(string secret) => secret.Length <= PrefixLength ? secret : secret[..PrefixLength];

    /// <summary>Makes a new key id.</summary>
    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
