# test_duplicates.sh — the phone number recognises duplicates: it is
# normalised ("138 0013-8000", "+8613800138000", "0086 138 0013 8000" are
# one phone); a second following card on it needs --new-opportunity; search
# finds part of a phone and part of a Chinese name.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "张伟" "138 0013-8000" walkin --level B
c1=$ID
expect_card "$c1" phone 13800138000

# --- the same phone, however written ----------------------------------------------------------------
for p in "13800138000" "+8613800138000" "+86 138 0013 8000" "0086 138-0013-8000" "(138) 0013.8000"; do
	expect_refusal 2 --as bob card file --name "张伟的重复" --phone "$p" --channel phone
done
# Whoever owns the first card.
expect_refusal 2 --as alice card file --name "张伟" --phone "+8613800138000" --channel walkin

# --- a second opportunity -------------------------------------------------------------------------------
file_card alice "张伟" "+8613800138000" walkin --level C --new-opportunity --model gl8
c2=$ID
expect_card "$c2" phone 13800138000
expect_ne "$c2" "$c1" "the second card's id"
expect_eq "$(db_val "select count(*) from cards where phone = '13800138000'")" "2" "cards on the phone"

# --- bad phones -----------------------------------------------------------------------------------------
expect_refusal 6 --as alice card file --name "坏号" --phone "12ab5678" --channel phone
expect_refusal 6 --as alice card file --name "短号" --phone "1234" --channel phone
expect_refusal 6 --as alice card file --name "长号" --phone "123456789012345678901" --channel phone
expect_refusal "1|6" --as alice card file --name "空号" --phone "" --channel phone
expect_refusal "1|6" --as alice card file --name "" --phone "13800138999" --channel phone
expect_refusal 6 --as alice card file --name "这个名字实在是太长了超过了三十二个字符的限制所以应该被拒绝才对吧啊啊啊" --phone "13800138999" --channel phone
expect_refusal 6 --as alice card file --name "号码" --phone "+86" --channel phone

# --- an edit normalises too ----------------------------------------------------------
file_card alice "李四" 13900000001 phone
c3=$ID
sr --as alice card edit "$c3" --phone "139-0000-0002"
expect_ok
expect_card "$c3" phone 13900000002
# Changing a number to one another following card has is the duplicate rule too.
expect_refusal 2 --as alice card edit "$c3" --phone "+86 138 0013 8000"
expect_refusal 6 --as alice card edit "$c3" --phone "abc"
expect_card "$c3" phone 13900000002

# --- search: part of a phone, part of a name -----------------------------------------------------------------------
# Four digits are the last four (尾号); five to ten digits the start or the
# end of the number (not its middle); fewer than four digits match anywhere.
sr --as alice search 8000 --csv
expect_ok
expect_header "id,name,phone,level,status,channel,source,model,owner,next_date,filed_at,age_days"
expect_row id "$c1"
expect_row id "$c2"
expect_no_row id "$c3"
sr --as alice search 0013 --csv
expect_ok
expect_no_row id "$c1"
sr --as alice search 13800 --csv
expect_ok
expect_row id "$c1"
expect_row id "$c2"
expect_no_row id "$c3"
sr --as alice search 0138000 --csv
expect_ok
expect_row id "$c1"
expect_row id "$c2"
expect_no_row id "$c3"
sr --as alice search 00138 --csv
expect_ok
expect_no_row id "$c1"
sr --as alice search 900000002 --csv
expect_ok
expect_row id "$c3"
expect_no_row id "$c1"
sr --as alice search 013 --csv
expect_ok
expect_row id "$c1"
expect_no_row id "$c3"
sr --as alice search 13800138000 --csv
expect_ok
expect_row id "$c1"
expect_no_row id "$c3"
sr --as alice search "张" --csv
expect_ok
expect_row id "$c1"
expect_no_row id "$c3"
sr --as alice search "四" --csv
expect_ok
expect_row id "$c3"
expect_no_row id "$c1"
# One character anywhere in a name, paged too (a page walks the newest
# cards when the character is common; here it reads the name pieces).
sr --as alice search "伟" --limit 1 --csv
expect_ok
expect_eq "$(csv_rows)" 1 "one page of one"
sr --as mgr search "李" --limit 5 --csv
expect_ok
expect_row id "$c3"
expect_no_row id "$c1"
sr --as mgr search "138-0013" --csv
expect_rc "0|6"
sr --as alice search "张伟" --model gl8 --csv
expect_ok
expect_row id "$c2"
expect_no_row id "$c1"
sr --as alice search "张伟" --level B --csv
expect_ok
expect_row id "$c1"
expect_no_row id "$c2"

# --- list and search filters ------------------------------------------------------------------------------------
# Back-dated filings for card age: 60 and 10 days old.
file_card alice "老客户" 13600000060 outreach --source event --at "2026-01-01 09:00"
old=$ID
expect_card "$old" filed_at "2026-01-01 09:00:00"
expect_card "$old" age_days 60
file_card alice "新客户" 13600000010 walkin --source passing --at "2026-02-20 09:00"
new=$ID
expect_card "$new" age_days 10
sr --as alice card list --min-age 60 --csv
expect_ok
expect_row id "$old"
expect_no_row id "$new"
sr --as alice card list --min-age 61 --csv
expect_ok
expect_no_row id "$old"
sr --as alice card list --max-age 59 --csv
expect_ok
expect_no_row id "$old"
expect_row id "$new"
sr --as alice card list --min-age 5 --max-age 20 --csv
expect_ok
expect_eq "$(csv_col id | tr '\n' ' ')" "$new " "cards 5 to 20 days old"
sr --as alice card list --channel outreach --csv
expect_ok
expect_eq "$(csv_col channel | sort -u)" "outreach" "channels of --channel outreach"
expect_row id "$old"
sr --as alice card list --source event --csv
expect_ok
expect_eq "$(csv_col id | tr '\n' ' ')" "$old " "cards of source event"
sr --as alice card list --limit 2 --csv
expect_ok
expect_eq "$(csv_rows)" "2" "rows with --limit 2"
sr --as mgr card list --owner alice --csv
expect_ok
expect_eq "$(csv_col owner | sort -u)" "alice" "owners with --owner alice"
sr --as alice card list --level CN --csv
expect_ok
expect_eq "$(csv_col level | sort -u | tr '\n' ' ')" "C N " "levels with --level CN"
expect_refusal "1|6" --as alice card list --channel fax
expect_refusal "1|6" --as alice card list --status happy
expect_refusal "1|6" --as alice card list --min-age old
expect_refusal 1 --as alice search
expect_refusal 1 --as alice search a b

# --- dormant cards are still following; lost ones are not -------------------------------------------------------------
file_card bob "王五" 13700000001 phone
c4=$ID
sr --as bob --now "2026-03-20 10:00" dormant "$c4"
expect_ok
expect_refusal 2 --as alice --now "2026-03-20 11:00" card file --name "王五" --phone 13700000001 --channel walkin
sr --as bob --now "2026-03-21 10:00" loss request "$c4" --reason gave-up
expect_ok
sr --as mgr --now "2026-03-21 11:00" loss confirm "$c4"
expect_ok
# Lost: the phone is free for a new card, no flag needed.
sr --as alice --now "2026-03-22 10:00" card file --name "王五" --phone "+86 137 0000 0001" --channel walkin
expect_id
c5=$ID
expect_card "$c5" phone 13700000001
expect_card "$c5" status active

# A sold card does not block a repurchase either.
file_card bob "赵六" 13700000002 walkin --status order --deposit 1000
c6=$ID
sr --as bob --now "2026-03-03 10:00" order deliver "$c6"
expect_ok
sr --as alice --now "2026-03-04 10:00" card file --name "赵六" --phone 13700000002 --channel phone --source repurchase
expect_id

finish
