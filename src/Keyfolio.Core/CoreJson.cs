using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keyfolio.Core;

/// <summary>The JSON form of what the core keeps as documents in the database (key facts, diagnoses, wallet readings)
/// and of the connection records carried in export files: camelCase names, enums by name.</summary>
internal static class CoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new RecordedTextJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string? Serialize<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);
}
