
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'orgguard' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'orgguard'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'orgguard' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write ou-layout.toml and policies/ for an existing organization')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check ou-layout.toml and policies/ offline: syntax, references, limits and the SCP and RCP grammars')
            [CompletionResult]::new('permissions', 'permissions', [CompletionResultType]::ParameterValue, 'Print the IAM policy a role running orgguard needs')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the changes that would make the live organization match the layout')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a plan to the live organization')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the organization for hazards: SCP mistakes, unmanageable KMS keys, over-wide role trust, stale Identity Center assignments, missing guardrails and detective controls')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Reports for auditors: who can reach which account, the findings, and IAM users with their access keys')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Identity Center access governance with Cedar (policies/access.cedar)')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay CloudTrail events against the live and the proposed SCPs and RCPs: which calls would the change have denied, by whom, in which account, on whose resource')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Read the live organization into a snapshot file')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Print what a rule checks (a lint rule, or a check of validate), why it is dangerous, an example and how to fix it. `--all --format markdown` prints docs/rules.md')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema for editors and other tools')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the orgguard(1) manual page, or write a page for every command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;import' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the organization from this snapshot file instead of AWS')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The directory to write into [default: the -C directory, else the current one]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The directory to write into [default: the -C directory, else the current one]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite ou-layout.toml and policy files that already exist')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Also warn about names in policies/access.cedar that this snapshot (from `orgguard snapshot -o FILE`) does not have')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Exit 1 on warnings too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;permissions' {
            [CompletionResult]::new('--role-name', '--role-name', [CompletionResultType]::ParameterName, 'The member role --deep assumes [default: settings.member_role_name of ou-layout.toml, else OrganizationAccountAccessRole]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--deep', '--deep', [CompletionResultType]::ParameterName, 'With `snapshot`: also let it assume the member role in every account')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;plan' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the live organization from this snapshot file instead of AWS')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Also save the plan to this file, for `orgguard apply FILE`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Also save the plan to this file, for `orgguard apply FILE`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How the plan is printed')
            [CompletionResult]::new('--max-account-closures', '--max-account-closures', [CompletionResultType]::ParameterName, 'Let this plan close up to N accounts, above settings.limits.account_closures_per_plan (default 1)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'Exit 0 when there are no changes, 1 when there are, 2 on error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;apply' {
            [CompletionResult]::new('--max-account-closures', '--max-account-closures', [CompletionResultType]::ParameterName, 'Without PLAN: let this apply close up to N accounts, above settings.limits.account_closures_per_plan. A saved plan keeps the number it was planned with')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Apply without asking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;lint' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'A snapshot file (from `orgguard snapshot --deep -o FILE`) to lint as the live organization')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at least this severe (critical, high, medium, low, info)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to this file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to this file instead of stdout')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'Compare with a baseline written by --write-baseline: findings are new or still open, the baseline''s missing ones fixed, and --fail-on counts new findings only')
            [CompletionResult]::new('--write-baseline', '--write-baseline', [CompletionResultType]::ParameterName, 'Save this run''s findings as a baseline file')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;audit' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('assignments', 'assignments', [CompletionResultType]::ParameterValue, 'The Identity Center assignment inventory: one row per assignment, with account, OU, permission set, principal, provisioning and finding codes')
            [CompletionResult]::new('findings', 'findings', [CompletionResultType]::ParameterValue, 'The findings report: by severity, by account and OU, and the waivers with their expiry')
            [CompletionResult]::new('iam-users', 'iam-users', [CompletionResultType]::ParameterValue, 'IAM users and access keys in every account of a deep snapshot: console access, key age and last use. Accounts that were not read are listed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;audit;assignments' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'The snapshot to report on (written by `orgguard snapshot -o FILE`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the report (default: stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the report (default: stdout)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: CSV opens in Excel (UTF-8 with BOM); HTML is one self-contained page with charts and a sortable, filterable table')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only these accounts (id or name; repeatable)')
            [CompletionResult]::new('--ou', '--ou', [CompletionResultType]::ParameterName, 'Only accounts in this OU or below it, such as Foundational/Workloads (repeatable)')
            [CompletionResult]::new('--permission-set', '--permission-set', [CompletionResultType]::ParameterName, 'Only this permission set (name or ARN; repeatable)')
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'Only this user or group (name, email or id; repeatable). With --expand-groups a user also matches the rows it gets through groups')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--expand-groups', '--expand-groups', [CompletionResultType]::ParameterName, 'One row per user per group assignment, so the report shows who really has access')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;audit;findings' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'The snapshot to report on (written by `orgguard snapshot -o FILE`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the report (default: stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the report (default: stdout)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'A baseline from `orgguard lint --write-baseline`: the report adds the findings opened since and the ones fixed')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;audit;iam-users' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'The snapshot to report on (written by `orgguard snapshot -o FILE`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the report (default: stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the report (default: stdout)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;audit;help' {
            [CompletionResult]::new('assignments', 'assignments', [CompletionResultType]::ParameterValue, 'The Identity Center assignment inventory: one row per assignment, with account, OU, permission set, principal, provisioning and finding codes')
            [CompletionResult]::new('findings', 'findings', [CompletionResultType]::ParameterValue, 'The findings report: by severity, by account and OU, and the waivers with their expiry')
            [CompletionResult]::new('iam-users', 'iam-users', [CompletionResultType]::ParameterValue, 'IAM users and access keys in every account of a deep snapshot: console access, key age and last use. Accounts that were not read are listed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;audit;help;assignments' {
            break
        }
        'orgguard;audit;help;findings' {
            break
        }
        'orgguard;audit;help;iam-users' {
            break
        }
        'orgguard;audit;help;help' {
            break
        }
        'orgguard;access' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the Cedar schema access policies are written against')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Evaluate every live assignment; exit 1 when some are not allowed')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Allow or deny, and the deciding policies, for one question')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;access;schema' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Also declare the permission sets of this snapshot as actions')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;access;check' {
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'A snapshot written by `orgguard snapshot -o FILE`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--expand-groups', '--expand-groups', [CompletionResultType]::ParameterName, 'Also evaluate every member of an assigned group as the principal')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;access;explain' {
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'user:NAME, group:NAME, or a name that is one or the other')
            [CompletionResult]::new('--permission-set', '--permission-set', [CompletionResultType]::ParameterName, 'The permission set name')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account id or name')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'A snapshot written by `orgguard snapshot -o FILE`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;access;help' {
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the Cedar schema access policies are written against')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Evaluate every live assignment; exit 1 when some are not allowed')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Allow or deny, and the deciding policies, for one question')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;access;help;schema' {
            break
        }
        'orgguard;access;help;check' {
            break
        }
        'orgguard;access;help;explain' {
            break
        }
        'orgguard;access;help;help' {
            break
        }
        'orgguard;simulate' {
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Where the events are: s3://BUCKET/PREFIX (the bucket and prefix the trail delivers to, above AWSLogs/), a CloudTrail file, or a directory searched for *.json, *.jsonl, *.ndjson and *.csv (request shapes) files, plain or gzipped')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'First day read from S3, YYYY-MM-DD (UTC) [default: six days before --until]')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Last day read from S3, YYYY-MM-DD (UTC) [default: today]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Read only this account''s folders from S3 (repeatable)')
            [CompletionResult]::new('--trail-region', '--trail-region', [CompletionResultType]::ParameterName, 'Read only this region''s folders from S3 (repeatable)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'The live organization as a snapshot file from `orgguard snapshot`; without it, the organization is read from AWS (as `plan` does) and checked against ou-layout.toml''s organization')
            [CompletionResult]::new('--write-shapes', '--write-shapes', [CompletionResultType]::ParameterName, 'Instead of simulating, write the request shapes of the events (the fields simulate evaluates, with how many events share them) to this file: CSV, or JSON lines when it ends in .jsonl. Fed back as --events, they give the same counts as the events themselves')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to a file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to a file instead of stdout')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--observed', '--observed', [CompletionResultType]::ParameterName, 'Instead of simulating, count the calls the events record as denied by an SCP or RCP (CloudTrail''s AccessDenied messages name them), by account, principal and action: the watch step after attaching a guardrail to a canary OU. Exits 1 when there are any. Needs no layout; --live FILE adds account names')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;snapshot' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the snapshot (default: stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the snapshot (default: stdout)')
            [CompletionResult]::new('--role-name', '--role-name', [CompletionResultType]::ParameterName, 'The role to assume in member accounts [default: settings.member_role_name of ou-layout.toml, else OrganizationAccountAccessRole]')
            [CompletionResult]::new('--regions', '--regions', [CompletionResultType]::ParameterName, 'Regions to read in member accounts, comma-separated [default: settings.regions of ou-layout.toml, else the current region]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Member accounts read at the same time')
            [CompletionResult]::new('--assignments', '--assignments', [CompletionResultType]::ParameterName, 'How to read Identity Center account assignments')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Rewrite an existing snapshot file in the canonical form instead of reading AWS')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--deep', '--deep', [CompletionResultType]::ParameterName, 'Also read every active member account')
            [CompletionResult]::new('--require-complete', '--require-complete', [CompletionResultType]::ParameterName, 'Exit 1 when any part of the organization could not be read')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;explain' {
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'A finding''s id (its `fingerprint` in lint''s JSON or SARIF output, or a unique prefix of it)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'The snapshot the finding came from, for --severity')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every rule')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the schema to this file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the schema to this file instead of stdout')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('layout', 'layout', [CompletionResultType]::ParameterValue, 'The schema of ou-layout.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;schema;layout' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the schema to this file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the schema to this file instead of stdout')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;schema;help' {
            [CompletionResult]::new('layout', 'layout', [CompletionResultType]::ParameterValue, 'The schema of ou-layout.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;schema;help;layout' {
            break
        }
        'orgguard;schema;help;help' {
            break
        }
        'orgguard;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the script to this file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the script to this file instead of stdout')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write orgguard.1 and a page per command into this directory')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository to read ou-layout.toml and policies/ from')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for live reads (default: the standard credential chain)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for regional calls (Organizations is always us-east-1)')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of the organization''s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)')
            [CompletionResult]::new('--error-format', '--error-format', [CompletionResultType]::ParameterName, 'How errors that stop a command are printed on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule''s time)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars (they are drawn only on a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'orgguard;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write ou-layout.toml and policies/ for an existing organization')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check ou-layout.toml and policies/ offline: syntax, references, limits and the SCP and RCP grammars')
            [CompletionResult]::new('permissions', 'permissions', [CompletionResultType]::ParameterValue, 'Print the IAM policy a role running orgguard needs')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the changes that would make the live organization match the layout')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a plan to the live organization')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the organization for hazards: SCP mistakes, unmanageable KMS keys, over-wide role trust, stale Identity Center assignments, missing guardrails and detective controls')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Reports for auditors: who can reach which account, the findings, and IAM users with their access keys')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Identity Center access governance with Cedar (policies/access.cedar)')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay CloudTrail events against the live and the proposed SCPs and RCPs: which calls would the change have denied, by whom, in which account, on whose resource')
            [CompletionResult]::new('snapshot', 'snapshot', [CompletionResultType]::ParameterValue, 'Read the live organization into a snapshot file')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Print what a rule checks (a lint rule, or a check of validate), why it is dangerous, an example and how to fix it. `--all --format markdown` prints docs/rules.md')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema for editors and other tools')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the orgguard(1) manual page, or write a page for every command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'orgguard;help;import' {
            break
        }
        'orgguard;help;validate' {
            break
        }
        'orgguard;help;permissions' {
            break
        }
        'orgguard;help;plan' {
            break
        }
        'orgguard;help;apply' {
            break
        }
        'orgguard;help;lint' {
            break
        }
        'orgguard;help;audit' {
            [CompletionResult]::new('assignments', 'assignments', [CompletionResultType]::ParameterValue, 'The Identity Center assignment inventory: one row per assignment, with account, OU, permission set, principal, provisioning and finding codes')
            [CompletionResult]::new('findings', 'findings', [CompletionResultType]::ParameterValue, 'The findings report: by severity, by account and OU, and the waivers with their expiry')
            [CompletionResult]::new('iam-users', 'iam-users', [CompletionResultType]::ParameterValue, 'IAM users and access keys in every account of a deep snapshot: console access, key age and last use. Accounts that were not read are listed')
            break
        }
        'orgguard;help;audit;assignments' {
            break
        }
        'orgguard;help;audit;findings' {
            break
        }
        'orgguard;help;audit;iam-users' {
            break
        }
        'orgguard;help;access' {
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the Cedar schema access policies are written against')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Evaluate every live assignment; exit 1 when some are not allowed')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Allow or deny, and the deciding policies, for one question')
            break
        }
        'orgguard;help;access;schema' {
            break
        }
        'orgguard;help;access;check' {
            break
        }
        'orgguard;help;access;explain' {
            break
        }
        'orgguard;help;simulate' {
            break
        }
        'orgguard;help;snapshot' {
            break
        }
        'orgguard;help;explain' {
            break
        }
        'orgguard;help;schema' {
            [CompletionResult]::new('layout', 'layout', [CompletionResultType]::ParameterValue, 'The schema of ou-layout.toml')
            break
        }
        'orgguard;help;schema;layout' {
            break
        }
        'orgguard;help;completions' {
            break
        }
        'orgguard;help;man' {
            break
        }
        'orgguard;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
