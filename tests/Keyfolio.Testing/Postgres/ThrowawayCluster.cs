using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Keyfolio.Testing.Postgres;

/// <summary>
/// A PostgreSQL cluster of this test process's own, made the way <c>./test.sh</c> makes one: <c>initdb</c> and
/// <c>pg_ctl</c> from the newest <c>/usr/lib/postgresql/*/bin</c> (or PATH), a fresh temporary directory, the first
/// free loopback port from 55432, password (SCRAM) authentication over TCP for a <c>keyfolio_test</c> role that may
/// create databases, with a random password. As root it runs as the <c>postgres</c> system user, since initdb refuses
/// root. A watchdog process, detached from this one, holds the read end of a pipe only this process writes to: when
/// this process ends, however it ends (the test host is killed moments after its last test), the pipe closes and the
/// watchdog stops the server and removes the directory. A directory whose <c>owner.pid</c> no longer runs all the same
/// (its watchdog was killed too) is removed by the next cluster's start.
/// </summary>
internal sealed class ThrowawayCluster
{
    private const string DirectoryPrefix = "keyfolio-postgres-";
    private const string OwnerFile = "owner.pid";
    private const string Role = "keyfolio_test";
    private const int FirstPort = 55432;
    private const int PortCount = 100;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The started cluster, kept reachable so its watchdog's pipe stays open until the process ends.</summary>
    private static ThrowawayCluster? _started;

    private readonly Tools _tools;
    private readonly string _directory;
    private readonly Process _watchdog;
    private int _stopped;

    private ThrowawayCluster(Tools tools, string directory, Process watchdog)
    {
        _tools = tools;
        _directory = directory;
        _watchdog = watchdog;
    }

    /// <summary>The keyfolio_test role's connection string, on the <c>postgres</c> database over TCP.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    public static ThrowawayCluster Start()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(TestPostgres.NotAvailable(
            "initdb and pg_ctl are neither under /usr/lib/postgresql/*/bin nor on PATH."));
        var tools = new Tools(bin, IsRoot());
        if (tools.AsPostgresUser)
        {
            EnsurePostgresUser();
        }

        RemoveAbandoned(tools);
        var directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        ThrowawayCluster cluster;
        try
        {
            File.WriteAllText(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            if (tools.AsPostgresUser)
            {
                Require(Run("chown", ["postgres:", directory], directory), "chown postgres: on the cluster's directory");
            }

            cluster = new ThrowawayCluster(tools, directory, StartWatchdog(tools, directory));
        }
        catch
        {
            StopAndRemove(tools, directory);
            throw;
        }

        try
        {
            cluster.Create();
        }
        catch
        {
            cluster.Stop();
            throw;
        }

        _started = cluster;
        return cluster;
    }

    /// <summary>Stops the server at once (nothing in it is kept), removes its directory and lets the watchdog go.</summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        StopAndRemove(_tools, _directory);
        _watchdog.Dispose();
    }

    /// <summary>
    /// Starts, in a session of its own (<c>setsid -f</c>, so it outlives this process and its process tree), a shell
    /// that reads its standard input to the end, then stops the server and removes the directory. Only this process
    /// holds the pipe's write end, which the operating system closes when the process ends.
    /// </summary>
    private static Process StartWatchdog(Tools tools, string directory)
    {
        const string Script = "exec >/dev/null 2>&1; directory=$1; shift; cat; \"$@\"; rm -rf \"$directory\"";
        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = "/",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", "sh", "-c", Script, "keyfolio-postgres-watchdog", directory,
            .. tools.Command("pg_ctl", ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"])])
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process watchdog;
        try
        {
            watchdog = Process.Start(startInfo) ?? throw new InvalidOperationException("setsid did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(TestPostgres.NotAvailable($"The throwaway cluster's watchdog (setsid, from util-linux) could not be started: {e.Message}"), e);
        }

        // setsid -f returns as soon as it has forked the shell; the shell keeps the pipe's read end.
        if (!watchdog.WaitForExit(CommandTimeout) || watchdog.ExitCode != 0)
        {
            watchdog.Dispose();
            throw new InvalidOperationException(TestPostgres.NotAvailable("The throwaway cluster's watchdog (setsid -f sh) did not start."));
        }

        return watchdog;
    }

    private void Create()
    {
        Require(_tools.Run("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
            "--encoding=UTF8", "--locale=C", "--no-sync"], _directory), "initdb");
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), string.Join('\n',
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{_directory}'",
            "max_connections = 200",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            string.Empty));

        var port = StartOnFreePort();
        CreateRole(port);
    }

    private int StartOnFreePort()
    {
        for (var port = FirstPort; port < FirstPort + PortCount; port++)
        {
            if (!IsFree(port))
            {
                continue;
            }

            File.Delete(LogFile);
            var start = _tools.Run("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", $"-p {port}", "-w", "-t", "60", "start"], _directory);
            if (start.ExitCode == 0)
            {
                return port;
            }

            // Another process took the port between the check and the start: try the next one.
            var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;
            if (!log.Contains("could not bind", StringComparison.Ordinal) && !log.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(TestPostgres.NotAvailable($"The throwaway PostgreSQL server did not start: {Tail(start.Output + "\n" + log)}"));
            }
        }

        throw new InvalidOperationException(TestPostgres.NotAvailable(
            $"No loopback port from {FirstPort} to {FirstPort + PortCount - 1} was free for the throwaway PostgreSQL server."));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The password is hex digits this method generates; CREATE ROLE takes no parameters.")]
    private void CreateRole(int port)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

        // The bootstrap superuser over the Unix socket in the cluster's own directory, which only its owner can reach.
        var superuser = new NpgsqlConnectionStringBuilder { Host = _directory, Port = port, Username = "postgres", Database = "postgres", Pooling = false };
        using (var connection = new NpgsqlConnection(superuser.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE ROLE {Role} LOGIN CREATEDB PASSWORD '{password}'", connection);
            command.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Role,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    private static void StopAndRemove(Tools tools, string directory)
    {
        if (File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
        {
            tools.Run("pg_ctl", ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"], directory);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort at exit: a directory left behind is removed by the next run (its owner is gone).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Removes the clusters of test processes that died without stopping theirs.</summary>
    private static void RemoveAbandoned(Tools tools)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*").ToList();
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            try
            {
                var owner = Path.Combine(directory, OwnerFile);
                if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
                {
                    StopAndRemove(tools, directory);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's directory: theirs to remove.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c> holding initdb and pg_ctl, else the PATH directory holding initdb.</summary>
    private static string? FindBinDirectory()
    {
        static bool HasTools(string directory) =>
            File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(directory => (Bin: Path.Combine(directory, "bin"), Version: MajorVersion(Path.GetFileName(directory))))
                .Where(candidate => candidate.Version is not null && HasTools(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasTools);
    }

    /// <summary>Debian's directory names: <c>15</c>, <c>16</c>, or before version 10 <c>9.6</c>.</summary>
    private static Version? MajorVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static bool IsRoot()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/status"))
        {
            // "Uid:" then the real, effective, saved and file-system user ids.
            var uid = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = uid?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is { Length: >= 3 })
            {
                return fields[2] == "0";
            }
        }

        return Environment.UserName == "root";
    }

    private static void EnsurePostgresUser()
    {
        if (Run("id", ["-u", "postgres"], Path.GetTempPath()).ExitCode == 0)
        {
            return;
        }

        Require(Run("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "postgres"], Path.GetTempPath()),
            "useradd postgres (initdb refuses to run as root, so the cluster runs as the postgres system user)");
    }

    private static void Require(Result result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(TestPostgres.NotAvailable($"{what} failed (exit code {result.ExitCode}): {Tail(result.Output)}"));
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }

    private static Result Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        var gate = new Lock();
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(-1, $"{fileName} could not be started: {e.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, $"{fileName} did not finish within {CommandTimeout.TotalSeconds} seconds.");
        }

        process.WaitForExit();
        lock (gate)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    private readonly record struct Result(int ExitCode, string Output);

    /// <summary>The cluster's programs, run as the postgres system user (through runuser) when this process is root.</summary>
    private sealed record Tools(string BinDirectory, bool AsPostgresUser)
    {
        public Result Run(string tool, IReadOnlyList<string> arguments, string workingDirectory)
        {
            var command = Command(tool, arguments);
            return ThrowawayCluster.Run(command[0], command[1..], workingDirectory);
        }

        /// <summary>The program and arguments that run this tool.</summary>
        public string[] Command(string tool, IReadOnlyList<string> arguments) => AsPostgresUser
            ? ["runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. arguments]
            : [Path.Combine(BinDirectory, tool), .. arguments];
    }
}
