# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_orgguard_global_optspecs
    string join \n C/dir= profile= region= sso-region= error-format= q/quiet v/verbose no-progress h/help V/version
end

function __fish_orgguard_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_orgguard_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_orgguard_using_subcommand
    set -l cmd (__fish_orgguard_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c orgguard -n "__fish_orgguard_needs_command" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_needs_command" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_needs_command" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_needs_command" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_needs_command" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_needs_command" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_needs_command" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_needs_command" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "import" -d 'Write ou-layout.toml and policies/ for an existing organization'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "validate" -d 'Check ou-layout.toml and policies/ offline: syntax, references, limits and the SCP and RCP grammars'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "permissions" -d 'Print the IAM policy a role running orgguard needs'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "plan" -d 'Show the changes that would make the live organization match the layout'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "apply" -d 'Apply a plan to the live organization'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "lint" -d 'Check the organization for hazards: SCP mistakes, unmanageable KMS keys, over-wide role trust, stale Identity Center assignments, missing guardrails and detective controls'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "audit" -d 'Reports for auditors: who can reach which account, the findings, and IAM users with their access keys'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "access" -d 'Identity Center access governance with Cedar (policies/access.cedar)'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "simulate" -d 'Replay CloudTrail events against the live and the proposed SCPs and RCPs: which calls would the change have denied, by whom, in which account, on whose resource'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "snapshot" -d 'Read the live organization into a snapshot file'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "explain" -d 'Print what a rule checks (a lint rule, or a check of validate), why it is dangerous, an example and how to fix it. `--all --format markdown` prints docs/rules.md'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "schema" -d 'Print a JSON Schema for editors and other tools'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "man" -d 'Print the orgguard(1) manual page, or write a page for every command'
complete -c orgguard -n "__fish_orgguard_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l live -d 'Read the organization from this snapshot file instead of AWS' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -s o -l output -d 'The directory to write into [default: the -C directory, else the current one]' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l force -d 'Overwrite ou-layout.toml and policy files that already exist'
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand import" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l format -d 'Output format' -r -f -a "text\t''
json\t''
sarif\t''
github\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l live -d 'Also warn about names in policies/access.cedar that this snapshot (from `orgguard snapshot -o FILE`) does not have' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l deny-warnings -d 'Exit 1 on warnings too'
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand validate" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l role-name -d 'The member role --deep assumes [default: settings.member_role_name of ou-layout.toml, else OrganizationAccountAccessRole]' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l deep -d 'With `snapshot`: also let it assume the member role in every account'
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand permissions" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l live -d 'Read the live organization from this snapshot file instead of AWS' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -s o -l output -d 'Also save the plan to this file, for `orgguard apply FILE`' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l format -d 'How the plan is printed' -r -f -a "text\t''
markdown\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l max-account-closures -d 'Let this plan close up to N accounts, above settings.limits.account_closures_per_plan (default 1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l detailed-exitcode -d 'Exit 0 when there are no changes, 1 when there are, 2 on error'
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand plan" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l max-account-closures -d 'Without PLAN: let this apply close up to N accounts, above settings.limits.account_closures_per_plan. A saved plan keeps the number it was planned with' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l auto-approve -d 'Apply without asking'
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand apply" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l live -d 'A snapshot file (from `orgguard snapshot --deep -o FILE`) to lint as the live organization' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l format -d 'Output format' -r -f -a "text\t''
json\t''
sarif\t''
markdown\t''
github\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l fail-on -d 'Exit 1 when a finding is at least this severe (critical, high, medium, low, info)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -s o -l output -d 'Write the report to this file instead of stdout' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l baseline -d 'Compare with a baseline written by --write-baseline: findings are new or still open, the baseline\'s missing ones fixed, and --fail-on counts new findings only' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l write-baseline -d 'Save this run\'s findings as a baseline file' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand lint" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -f -a "assignments" -d 'The Identity Center assignment inventory: one row per assignment, with account, OU, permission set, principal, provisioning and finding codes'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -f -a "findings" -d 'The findings report: by severity, by account and OU, and the waivers with their expiry'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -f -a "iam-users" -d 'IAM users and access keys in every account of a deep snapshot: console access, key age and last use. Accounts that were not read are listed'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and not __fish_seen_subcommand_from assignments findings iam-users help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l live -d 'The snapshot to report on (written by `orgguard snapshot -o FILE`)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -s o -l output -d 'Where to write the report (default: stdout)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l format -d 'Output format: CSV opens in Excel (UTF-8 with BOM); HTML is one self-contained page with charts and a sortable, filterable table' -r -f -a "csv\t''
json\t''
markdown\t''
html\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l account -d 'Only these accounts (id or name; repeatable)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l ou -d 'Only accounts in this OU or below it, such as Foundational/Workloads (repeatable)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l permission-set -d 'Only this permission set (name or ARN; repeatable)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l principal -d 'Only this user or group (name, email or id; repeatable). With --expand-groups a user also matches the rows it gets through groups' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l expand-groups -d 'One row per user per group assignment, so the report shows who really has access'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from assignments" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l live -d 'The snapshot to report on (written by `orgguard snapshot -o FILE`)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -s o -l output -d 'Where to write the report (default: stdout)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l format -d 'Output format' -r -f -a "markdown\t''
html\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l baseline -d 'A baseline from `orgguard lint --write-baseline`: the report adds the findings opened since and the ones fixed' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from findings" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l live -d 'The snapshot to report on (written by `orgguard snapshot -o FILE`)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -s o -l output -d 'Where to write the report (default: stdout)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l format -d 'Output format' -r -f -a "csv\t''
json\t''
markdown\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from iam-users" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "assignments" -d 'The Identity Center assignment inventory: one row per assignment, with account, OU, permission set, principal, provisioning and finding codes'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "findings" -d 'The findings report: by severity, by account and OU, and the waivers with their expiry'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "iam-users" -d 'IAM users and access keys in every account of a deep snapshot: console access, key age and last use. Accounts that were not read are listed'
complete -c orgguard -n "__fish_orgguard_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -f -a "schema" -d 'Print the Cedar schema access policies are written against'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -f -a "check" -d 'Evaluate every live assignment; exit 1 when some are not allowed'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -f -a "explain" -d 'Allow or deny, and the deciding policies, for one question'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and not __fish_seen_subcommand_from schema check explain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -l live -d 'Also declare the permission sets of this snapshot as actions' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l live -d 'A snapshot written by `orgguard snapshot -o FILE`' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l format -r -f -a "text\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l expand-groups -d 'Also evaluate every member of an assigned group as the principal'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l principal -d 'user:NAME, group:NAME, or a name that is one or the other' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l permission-set -d 'The permission set name' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l account -d 'The account id or name' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l live -d 'A snapshot written by `orgguard snapshot -o FILE`' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l format -r -f -a "text\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the Cedar schema access policies are written against'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "check" -d 'Evaluate every live assignment; exit 1 when some are not allowed'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Allow or deny, and the deciding policies, for one question'
complete -c orgguard -n "__fish_orgguard_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l events -d 'Where the events are: s3://BUCKET/PREFIX (the bucket and prefix the trail delivers to, above AWSLogs/), a CloudTrail file, or a directory searched for *.json, *.jsonl, *.ndjson and *.csv (request shapes) files, plain or gzipped' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l since -d 'First day read from S3, YYYY-MM-DD (UTC) [default: six days before --until]' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l until -d 'Last day read from S3, YYYY-MM-DD (UTC) [default: today]' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l account -d 'Read only this account\'s folders from S3 (repeatable)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l trail-region -d 'Read only this region\'s folders from S3 (repeatable)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l live -d 'The live organization as a snapshot file from `orgguard snapshot`; without it, the organization is read from AWS (as `plan` does) and checked against ou-layout.toml\'s organization' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l write-shapes -d 'Instead of simulating, write the request shapes of the events (the fields simulate evaluates, with how many events share them) to this file: CSV, or JSON lines when it ends in .jsonl. Fed back as --events, they give the same counts as the events themselves' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l format -d 'Output format' -r -f -a "text\t''
json\t''
markdown\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -s o -l output -d 'Write the report to a file instead of stdout' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l observed -d 'Instead of simulating, count the calls the events record as denied by an SCP or RCP (CloudTrail\'s AccessDenied messages name them), by account, principal and action: the watch step after attaching a guardrail to a canary OU. Exits 1 when there are any. Needs no layout; --live FILE adds account names'
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand simulate" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -s o -l output -d 'Where to write the snapshot (default: stdout)' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l role-name -d 'The role to assume in member accounts [default: settings.member_role_name of ou-layout.toml, else OrganizationAccountAccessRole]' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l regions -d 'Regions to read in member accounts, comma-separated [default: settings.regions of ou-layout.toml, else the current region]' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l concurrency -d 'Member accounts read at the same time' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l assignments -d 'How to read Identity Center account assignments' -r -f -a "auto\t'The cheaper of by-account and by-principal, from counts already read'
by-account\t'ListAccountAssignments for every (account, permission set) pair where the set is provisioned: an assignment cannot exist elsewhere'
by-principal\t'ListAccountAssignmentsForPrincipal for every user and group; cannot see assignments whose principal was deleted'
every-pair\t'ListAccountAssignments for every account × permission set, as tools without provisioning data do'"
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l live -d 'Rewrite an existing snapshot file in the canonical form instead of reading AWS' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l deep -d 'Also read every active member account'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l require-complete -d 'Exit 1 when any part of the organization could not be read'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand snapshot" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l severity -d 'A finding\'s id (its `fingerprint` in lint\'s JSON or SARIF output, or a unique prefix of it)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l live -d 'The snapshot the finding came from, for --severity' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l format -d 'Output format' -r -f -a "text\t''
markdown\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l all -d 'Every rule'
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand explain" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -s o -l output -d 'Write the schema to this file instead of stdout' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -f -a "layout" -d 'The schema of ou-layout.toml'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and not __fish_seen_subcommand_from layout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -s o -l output -d 'Write the schema to this file instead of stdout' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -s h -l help -d 'Print help'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from layout" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from help" -f -a "layout" -d 'The schema of ou-layout.toml'
complete -c orgguard -n "__fish_orgguard_using_subcommand schema; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -s o -l output -d 'Write the script to this file instead of stdout' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand completions" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -l out-dir -d 'Write orgguard.1 and a page per command into this directory' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -s C -l dir -d 'The repository to read ou-layout.toml and policies/ from' -r -F
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -l profile -d 'AWS profile for live reads (default: the standard credential chain)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -l region -d 'AWS region for regional calls (Organizations is always us-east-1)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -l sso-region -d 'The region of the organization\'s IAM Identity Center instance (overrides settings.identity_center_region; default: --region)' -r
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -l error-format -d 'How errors that stop a command are printed on stderr' -r -f -a "human\t''
json\t''"
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -s q -l quiet -d 'Print only results and errors'
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -s v -l verbose -d 'Print more detail, such as how long each step took (repeat for debug logs, with each lint rule\'s time)'
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -l no-progress -d 'Never draw progress bars (they are drawn only on a terminal anyway)'
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c orgguard -n "__fish_orgguard_using_subcommand man" -s V -l version -d 'Print version'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "import" -d 'Write ou-layout.toml and policies/ for an existing organization'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "validate" -d 'Check ou-layout.toml and policies/ offline: syntax, references, limits and the SCP and RCP grammars'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "permissions" -d 'Print the IAM policy a role running orgguard needs'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "plan" -d 'Show the changes that would make the live organization match the layout'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "apply" -d 'Apply a plan to the live organization'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "lint" -d 'Check the organization for hazards: SCP mistakes, unmanageable KMS keys, over-wide role trust, stale Identity Center assignments, missing guardrails and detective controls'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "audit" -d 'Reports for auditors: who can reach which account, the findings, and IAM users with their access keys'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "access" -d 'Identity Center access governance with Cedar (policies/access.cedar)'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "simulate" -d 'Replay CloudTrail events against the live and the proposed SCPs and RCPs: which calls would the change have denied, by whom, in which account, on whose resource'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "snapshot" -d 'Read the live organization into a snapshot file'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "explain" -d 'Print what a rule checks (a lint rule, or a check of validate), why it is dangerous, an example and how to fix it. `--all --format markdown` prints docs/rules.md'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "schema" -d 'Print a JSON Schema for editors and other tools'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "man" -d 'Print the orgguard(1) manual page, or write a page for every command'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and not __fish_seen_subcommand_from import validate permissions plan apply lint audit access simulate snapshot explain schema completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "assignments" -d 'The Identity Center assignment inventory: one row per assignment, with account, OU, permission set, principal, provisioning and finding codes'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "findings" -d 'The findings report: by severity, by account and OU, and the waivers with their expiry'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "iam-users" -d 'IAM users and access keys in every account of a deep snapshot: console access, key age and last use. Accounts that were not read are listed'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "schema" -d 'Print the Cedar schema access policies are written against'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "check" -d 'Evaluate every live assignment; exit 1 when some are not allowed'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "explain" -d 'Allow or deny, and the deciding policies, for one question'
complete -c orgguard -n "__fish_orgguard_using_subcommand help; and __fish_seen_subcommand_from schema" -f -a "layout" -d 'The schema of ou-layout.toml'
