# Casevault — English messages (the fallback language).
# Every user-visible string of the program is here; Russian and Kazakh files sit beside it.

## Vault errors (src/vault/error.rs)
vault-wrong-passphrase = Wrong passphrase. Check the keyboard layout and Caps Lock, then try again.
vault-not-a-vault = This folder is not a Casevault vault (no readable vault.ron): { $path }
vault-newer-format = This vault was made by a newer version of Casevault (format { $found }; this version reads format { $supported }). Update Casevault to open it.
vault-damaged-header = The vault header vault.ron is damaged or was altered. Nothing was changed; restore it from a backup or a synced copy: { $path }
vault-damaged-key-file = The key file is damaged or is not a Casevault key. Nothing was changed; restore it from a backup: { $path }
vault-excessive-work = The key file demands too much work to open (scrypt log_n { $log_n }); it was not made by Casevault. Refusing to open it.
vault-no-key-file = This vault has no key file in keys/, so it cannot be unlocked. Restore keys/ from a backup.
vault-damaged-object = A stored object is damaged (its contents no longer match its name). Restore it from a backup or a synced copy: { $object }
vault-missing-object = A stored object is missing (not yet synced, or deleted outside Casevault): { $object }
vault-no-such-record = No record with this id exists in the vault: { $record }
vault-unreadable-record = A record could not be read by this version of Casevault (its contents do not fit the expected shape): { $record }
vault-disk-full = The disk is full. Nothing was lost: your last change is kept in memory. Free some space and press Retry.
vault-permission-denied = Permission denied: Casevault may not write here. Nothing was lost; choose another folder or ask your IT person: { $path }
vault-in-use = This vault is already open in another Casevault window or program. Close it there first.
vault-folder-not-empty = This folder already contains files; a new vault needs an empty or new folder: { $path }
vault-weak-passphrase = The passphrase is too weak: { $reason }
vault-passphrase-mismatch = The two passphrases do not match.
vault-read-only = The vault is opened read-only; close it and open it normally to make changes.
vault-write-failed = Saving failed and nothing was lost; your change is kept in memory. Press Retry. (Cause: { $cause })
vault-source-unreadable = The file being added could not be read to the end ({ $cause }); nothing was stored. Check that it is still there and readable, then try again.
vault-read-failed = Could not read from the disk. Nothing was changed. (Cause: { $cause }): { $path }
vault-encryption = Encryption failed unexpectedly; nothing was saved. Please report this.
vault-passphrase-change-unconfirmed = The passphrase was changed, but the disk did not confirm the change. Use the new passphrase; if this computer loses power before the next successful save, the old one may be needed once more.
vault-interrupted = Casevault stopped unexpectedly while working on the vault. Nothing was changed; please try again.

## Passphrase policy (src/vault/passphrase.rs)
weak-empty = it is empty.
weak-too-short = it is shorter than { $min } characters. Use a sentence or four unrelated words.
weak-too-few-distinct = it repeats the same few characters. Use a sentence or four unrelated words.
weak-sequence = it is a keyboard or alphabet sequence, which is among the first things guessed.
weak-common = it is built on one of the most common passwords, which are guessed first.

## Verify report (src/vault/report.rs)
rejection-unreadable = it could not be read from the disk
rejection-undecryptable = it cannot be decrypted with this vault's key (damaged, truncated, or not written by a member)
rejection-unauthentic = its authentication code is wrong (altered or forged)
rejection-malformed = its contents are not understood by this version
rejection-misplaced = it belongs to another place, device or vault (moved or copied)
rejection-inconsistent = it does not match the journal entries it claims to summarise
problem-entry-rejected = Journal entry { $seq } of device { $device } was not accepted: { $reason }.
problem-chain-broken = Journal entry { $seq } of device { $device } does not follow the entry before it: an earlier entry was removed, replaced or reordered.
problem-entries-missing = Journal entries { $from } to { $to } of device { $device } are missing (deleted, or not yet synced).
problem-checkpoint-rejected = Checkpoint { $seq } of device { $device } was not used: { $reason }. (The journal still holds everything.)
problem-object-damaged = Stored object { $object } is damaged (contents do not match its name or do not decrypt){ $users }.
problem-object-missing = Stored object { $object } is missing (not yet synced, or deleted outside Casevault){ $users }.
problem-stray-file = A file that Casevault did not write lies among the vault's files; it is ignored: { $path }
problem-used-by-none = {" "}— no current record uses it
problem-used-by = {" "}— used by record { $records }
report-checked = Checked { $entries } journal entries, { $checkpoints } checkpoints and { $objects } stored objects ({ $bytes } bytes).
report-unreferenced = { $count } stored objects are not used by any entry (left by an interrupted save, or placed from outside); they are never read.
report-intact = The vault is intact.
report-problems = { $count ->
    [one] 1 problem found:
   *[other] { $count } problems found:
}
report-affected-case = affected case: { $number }

## Command line (src/cli/)
cli-error-prefix = casevault: { $message }
cli-created = Created a new vault (id { $id }) in { $path }
cli-keep-passphrase = Keep the passphrase safe: without it nobody, including Casevault, can open the vault.
cli-passphrase-changed = The passphrase was changed. Copies of the old key file (backups, synced trash) still open with the old passphrase.
cli-prompt-passphrase = Passphrase:{" "}
cli-prompt-current-passphrase = Current passphrase:{" "}
cli-prompt-new-passphrase = New passphrase:{" "}
cli-prompt-repeat-passphrase = Repeat the new passphrase:{" "}
cli-input-file = Could not read the passphrase file ({ $cause }): { $path }
cli-input-empty-file = The passphrase file is empty: { $path }
cli-input-terminal = Could not read a passphrase from the terminal ({ $cause }). Use --passphrase-file in scripts.
cli-window-failed = the window could not be opened: { $error }

## Start screen (src/ui/)
app-name = Casevault
start-tagline = Encrypted case files. Everything stays on this computer, encrypted with your passphrase.
start-open-heading = Open a vault
start-vault-folder = Vault folder
start-passphrase = Passphrase
start-unlock = Unlock
start-create-heading = Create a new vault
start-new-vault-folder = New vault folder
start-new-passphrase = New passphrase
start-repeat-passphrase = Repeat the new passphrase
start-passphrase-ok = The passphrase is acceptable. Write it down and keep it safe: without it nobody can open the vault.
start-passphrase-repeat-hint = Type the passphrase again to be sure of it.
start-passphrase-hint = Choose a passphrase of at least { $min } characters: a sentence, or four unrelated words.
start-create = Create vault
opening-unlocking = Unlocking…
opening-creating = Creating the vault…
opening-explanation = Deriving the key from your passphrase takes about a second.
error-dismiss = Dismiss
error-worker = Could not start the work thread ({ $cause })

## Open vault
vault-cases-heading = Cases
vault-lock = Lock
vault-lock-hint = Lock the vault (Ctrl+L): forget the key and everything decrypted
cases-empty = No cases yet.
cases-empty-hint = Cases you create will be listed here.
cases-column-number = Case number
cases-column-status = Status
cases-column-people = People
cli-demo-created = Created a demo vault with { $count } fictional cases in { $path }
cli-demo-passphrase = Its passphrase is: { $passphrase }
