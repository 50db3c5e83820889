using System.Security.Cryptography;
using System.Text;

namespace Credit.Identifiers;

/// <summary>
/// The key a subject is stored under. Organisations: their 统一社会信用代码. Natural persons: a keyed hash
/// (HMAC-SHA256) of the resident ID number, so the number itself never serves as a key at rest; the key is
/// the personal-data key of the deployment (Key Vault in Azure, a local setting on a developer machine).
/// </summary>
public sealed class SubjectKeys(byte[] personalDataKey)
{
    public string ForPerson(string residentIdNumber) =>
        "P" + Convert.ToHexStringLower(HMACSHA256.HashData(personalDataKey, Encoding.UTF8.GetBytes(residentIdNumber.ToUpperInvariant())))[..32];
}
