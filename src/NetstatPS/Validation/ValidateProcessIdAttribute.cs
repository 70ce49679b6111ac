using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace NetstatPS.Validation;

/// <summary>
/// Accepts process ids from 0 up, naming each bad value. Unlike ValidateRange it lets a null through:
/// a socket row whose owner is not visible binds ProcessId = $null from the pipeline, and that must
/// select nothing rather than stop the pipeline with a validation error (the cmdlet refuses a null
/// typed on the command line itself).
/// </summary>
public sealed class ValidateProcessIdAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object? value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is null)
        {
            return;
        }

        foreach (object? element in value is IEnumerable list ? list : new[] { value })
        {
            object? item = element is PSObject w ? w.BaseObject : element;
            if (item is int id && id < 0)
            {
                throw new ValidationMetadataException(
                    $"'{id.ToString(CultureInfo.InvariantCulture)}' is not a process id. Use 0 (the System Idle process on Windows) or a positive process id.");
            }
        }
    }
}
