using System.Security.Cryptography;
using Credit.PersonalData;

namespace Credit.Tests.Unit;

/// <summary>The cipher keeps its AES-GCM contexts for reuse; reuse must not mix up values, keys or threads.</summary>
public sealed class FieldCipherTests
{
    static readonly Dictionary<int, byte[]> Keys = new() { [1] = RandomNumberGenerator.GetBytes(32), [2] = RandomNumberGenerator.GetBytes(32) };

    [Fact]
    public void Values_sealed_and_opened_on_many_threads_at_once_each_come_back_as_they_were()
    {
        var cipher = new FieldCipher(Keys, 2);
        var values = Enumerable.Range(0, 3000).Select(i => (Column: $"CF_{i % 7}", Value: $"11010119900307{i:D4}{new string('欧', i % 40)}")).ToArray();
        var sealedValues = values.Take(1000).Select(v => cipher.Protect(v.Column, v.Value)).ToArray();
        var results = new string[values.Length];

        // Opening the first thousand while sealing the rest, eight threads at a time.
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = i < 1000 ? cipher.Reveal(values[i].Column, sealedValues[i]) : cipher.Reveal(values[i].Column, cipher.Protect(values[i].Column, values[i].Value)));

        Assert.Equal(values.Select(v => v.Value), results);
    }

    [Fact]
    public void A_value_sealed_under_the_previous_key_opens_beside_values_of_the_current_one()
    {
        var previous = new FieldCipher(Keys, 1).Protect("CF_XDR_ZJHM", "110101199003074758");
        var current = new FieldCipher(Keys, 2);
        var now = current.Protect("CF_XDR_ZJHM", "110101199003071234");

        Assert.StartsWith("pd1:1:", previous, StringComparison.Ordinal);
        Assert.StartsWith("pd1:2:", now, StringComparison.Ordinal);
        Assert.Equal("110101199003074758", current.Reveal("CF_XDR_ZJHM", previous));
        Assert.Equal("110101199003071234", current.Reveal("CF_XDR_ZJHM", now));
    }

    [Fact]
    public void A_value_moved_to_another_column_is_refused_and_the_cipher_goes_on_working()
    {
        var cipher = new FieldCipher(Keys, 2);
        var name = cipher.Protect("CF_XDR_MC", "欧阳娜娜");

        Assert.ThrowsAny<CryptographicException>(() => cipher.Reveal("CF_SY", name));
        Assert.Equal("欧阳娜娜", cipher.Reveal("CF_XDR_MC", name));
        Assert.Equal("张三", cipher.Reveal("CF_XDR_MC", cipher.Protect("CF_XDR_MC", "张三")));
    }
}
