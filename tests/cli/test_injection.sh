# test_injection.sh — SQL injection attempts in every text option leave the
# rest of the database as it was and are stored verbatim (every SQL value
# is bound, never pasted into SQL); format-string text is stored as text.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "证人客户" 13100131009 phone --level B
witness=$ID
# What must not move: the witness card, the users, the schema.
fp()
{
	sqlite3 "$DB" "select * from cards where id = $witness;
		select id, login, name, role, team, active from users where id <= 10 order by id;
		select type, name, sql from sqlite_master order by name;" | sha256sum
}
before=$(fp)

n=0
for P in "'; DROP TABLE cards; --" "x\"); DELETE FROM users; --" \
	"1' OR '1'='1" "Bob'); DROP TABLE followups;--" "%s%n%x%p" "\\'; --"; do
	n=$((n + 1))
	phone=1310013200$n
	sr --as alice card file --name "$P" --phone "$phone" --channel phone --region "$P" \
		--address "$P" --answer "budget=$P"
	expect_id
	c=$ID
	expect_eq "$(db_val "select name from cards where id = $c")" "$P" "name stored verbatim"
	expect_eq "$(db_val "select region || '|' || address || '|' || ans_budget from cards where id = $c")" \
		"$P|$P|$P" "region, address and budget stored verbatim"
	sr --as alice card edit "$c" --address "$P$n"
	expect_ok
	expect_eq "$(db_val "select address from cards where id = $c")" "$P$n" "edited address verbatim"
	sr --as alice followup add "$c" --method phone --note "$P" --result "$P"
	expect_id
	f=$ID
	expect_eq "$(db_val "select content || '|' || result from followups where id = $f")" "$P|$P" \
		"follow-up note and result verbatim"
	sr --as mgr followup comment "$f" --text "$P"
	expect_ok
	expect_eq "$(db_val "select comment from followups where id = $f")" "$P" "comment verbatim"
	sr --as rita traffic add --kind call --note "$P"
	expect_id
	expect_eq "$(db_val "select note from traffic where id = $ID")" "$P" "traffic note verbatim"
	sr --as alice loss request "$c" --reason gave-up --note "$P"
	expect_ok
	expect_eq "$(db_val "select note from loss_requests where card_id = $c")" "$P" "loss note verbatim"
	sr --as admin model add "INJ$n" --brand "$P" --series "$P" --model "$P" --config "$P"
	expect_id
	expect_eq "$(db_val "select brand || series || model || config from models where code = 'INJ$n'")" \
		"$P$P$P$P" "model fields verbatim"
	sr --as admin source add "SRC$n" --name "$P"
	expect_id
	expect_eq "$(db_val "select name from sources where code = 'SRC$n'")" "$P" "source name verbatim"
	sr --as admin user add "inj$n" --name "$P" --role consultant
	expect_id
	expect_eq "$(db_val "select name from users where login = 'inj$n'")" "$P" "user name verbatim"
	# Text that looks things up: nothing found, nothing changed.
	sr --as mgr search "$P" --csv
	expect_rc 0
	sr --as mgr card list --owner "$P"
	expect_rc "5|6"
	sr --as mgr audit --user "$P" --csv
	expect_rc "0|6"
	sr --as mgr list today --owner "$P"
	expect_rc "5|6"
	# The source and model added above are found by their names: the text
	# is a value to match, nothing more.
	sr --as mgr card file --name x --phone "1310014000$n" --channel phone --owner alice --source "$P"
	expect_id
	expect_eq "$(db_val "select s.code from cards c join sources s on s.id = c.source_id where c.id = $ID")" \
		"SRC$n" "source found by its name"
	sr --as mgr card file --name x --phone "1310015000$n" --channel phone --owner alice --model "NOPE$P"
	expect_rc "5|6"
	sr --as admin setting get "$P"
	expect_rc "5|6"
done
expect_eq "$(fp)" "$before" "the witness card, the users and the schema after the attempts"
expect_eq "$(db_val "select count(*) from sqlite_master where name in ('cards', 'users', 'followups')")" 3 \
	"tables still there"
sr --as admin check
expect_ok
finish
