-- Members and their memberships: a membership lies within its union's life, names are searchable
-- without diacritics and by any suffix of the name, and a member's row follows the union that holds
-- them now (member.holder_unit_id). Current definitions, applied again whenever this file changes.

-- Lower case without diacritics: "Quảng Ninh" and "quang ninh" compare equal. unaccent() is only
-- stable, so it is wrapped with its dictionary named to be usable in generated columns and indexes.
create or replace function search_normalize(value text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- A membership lies within its grassroots union's life: checked once per statement for all the rows it
-- wrote; closing a unit is checked from the other side below.
create or replace function membership_within_unit() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  bad bigint;
begin
  select m.id into bad from new_rows m join org_unit u on u.id = m.unit_id where not m.period <@ u.validity limit 1;
  if bad is not null then
    raise exception 'membership % lies outside the life of its grassroots union', bad
      using errcode = 'check_violation', constraint = 'membership_within_unit';
  end if;
  return null;
end $$;

-- From the other side: a unit's life cannot shrink below its members' periods (checked at commit, so
-- that a closing can end the memberships and the unit in either order).
create or replace function org_unit_members_within_validity() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
declare
  u org_unit;
begin
  select * into u from org_unit where id = new.id;
  if exists (select 1 from membership m where m.unit_id = u.id and not m.period <@ u.validity) then
    raise exception 'unit % has members outside its validity %', u.code, u.validity
      using errcode = 'check_violation', constraint = 'membership_within_unit';
  end if;
  return null;
end $$;

-- A membership carries its member's search name and gender: searched by name within a unit's members, and
-- counted among the women members by the rollups (which need no member row, so that a member deleted with
-- their memberships still takes their figures away).
create or replace function membership_from_member() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  select m.search_name, m.gender = 'FEMALE' into new.search_name, new.female from member m where m.id = new.member_id;
  return new;
end $$;
drop trigger if exists membership_search_name on membership;
drop function if exists membership_search_name();

create or replace function member_search_name_follows() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  update membership set search_name = new.search_name where member_id = new.id;
  return null;
end $$;

create or replace function name_suffixes(name text) returns setof text language sql immutable parallel safe as $$
  select array_to_string(words[i:], ' ')
    from (select array_remove(string_to_array(name, ' '), '') as words) w,
         generate_series(2, cardinality(w.words)) i
$$;

-- How closely a member's name matches a search text, as the first character of a sort key: '0' when the
-- text is whole words of the name ("lan" in "Nguyễn Thị Lan"), '1' when it only starts a word ("lan" in
-- "Trần Thị Lành"). The text is the user's, compared as it is (no pattern).
create or replace function member_search_rank(search_name text, query text) returns text
  language sql immutable parallel safe strict as $$
  select case when position(' ' || search_normalize(query) || ' ' in ' ' || search_name || ' ') > 0 then '0' else '1' end
$$;

create or replace function membership_name_suffixes() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  -- A name's suffixes arrive together: a name with one is complete. Sorted, the new keys are inserted
  -- in index order (a 100,000-member import with as many new names: 3.4 → 2.4 s).
  insert into member_name_suffix (suffix, search_name)
  select distinct s, n.search_name
    from (select distinct r.search_name from new_rows r
           where not exists (select 1 from member_name_suffix d where d.search_name = r.search_name)) n,
         name_suffixes(n.search_name) s
   order by 1, 2
  on conflict do nothing;
  return null;
end $$;

create or replace function membership_holder() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  update member m set holder_unit_id = h.unit_id
    from (select distinct on (ms.member_id) ms.member_id, ms.unit_id from membership ms
           where ms.member_id in (select member_id from changed_rows)
           order by ms.member_id, ms.joined_on desc) h
   where h.member_id = m.id and m.holder_unit_id is distinct from h.unit_id;
  return null;
end $$;

drop trigger if exists membership_within_unit_insert on membership;
create trigger membership_within_unit_insert after insert on membership referencing new table as new_rows
  for each statement execute function membership_within_unit();

drop trigger if exists membership_within_unit_update on membership;
create trigger membership_within_unit_update after update on membership referencing new table as new_rows
  for each statement execute function membership_within_unit();

drop trigger if exists membership_from_member on membership;
create trigger membership_from_member before insert or update of member_id on membership
  for each row execute function membership_from_member();

-- A corrected gender moves the member's memberships between the women and the men (their rollups follow,
-- and a locked report's period refuses it as it refuses any change of its figures).
create or replace function member_gender_follows() returns trigger language plpgsql
  security definer set search_path = public, pg_temp as $$
begin
  update membership set female = new.gender = 'FEMALE' where member_id = new.id;
  return null;
end $$;

drop trigger if exists member_gender_follows on member;
create trigger member_gender_follows after update of gender on member
  for each row when (old.gender is distinct from new.gender) execute function member_gender_follows();

drop trigger if exists member_search_name_follows on member;
create trigger member_search_name_follows after update of full_name on member
  for each row when (old.search_name is distinct from new.search_name) execute function member_search_name_follows();

drop trigger if exists membership_name_suffixes_insert on membership;
create trigger membership_name_suffixes_insert after insert on membership
  referencing new table as new_rows for each statement execute function membership_name_suffixes();

drop trigger if exists membership_name_suffixes_update on membership;
create trigger membership_name_suffixes_update after update on membership
  referencing new table as new_rows for each statement execute function membership_name_suffixes();

drop trigger if exists membership_holder_insert on membership;
create trigger membership_holder_insert after insert on membership
  referencing new table as changed_rows for each statement execute function membership_holder();

drop trigger if exists membership_holder_update on membership;
create trigger membership_holder_update after update on membership
  referencing new table as changed_rows for each statement execute function membership_holder();

drop trigger if exists membership_holder_delete on membership;
create trigger membership_holder_delete after delete on membership
  referencing old table as changed_rows for each statement execute function membership_holder();

drop trigger if exists org_unit_members_within_validity on org_unit;
create constraint trigger org_unit_members_within_validity after update of valid_from, valid_to on org_unit
  deferrable initially deferred for each row execute function org_unit_members_within_validity();
