import { useCallback, useEffect, useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { paths } from "../../api/schema";
import { DataTable } from "../../components/DataTable";
import { Button, Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";

export type Secondment = paths["/api/v1/secondments/{id}"]["get"]["responses"][200]["content"]["application/json"];
type Feed = paths["/api/v1/calendar-feeds"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** A secondment as one table row: person (or a placeholder), parties, period, state. */
function SecondmentRows({ items }: { items: Secondment[] }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  return (
    <>
      {items.map((s) => (
        <tr key={s.id} className="kern-table__row">
          <th scope="row" className="kern-table__cell">
            <Link to="/abordnungen/$id" params={{ id: s.id }} className="kern-link">
              {s.person.name ?? t("secondments.personHidden")}
            </Link>
            <br />
            <span className="kern-hint">
              {s.person.jobTitle}, {s.person.payGroup}
            </span>
          </th>
          <td className="kern-table__cell">{s.lender.name}</td>
          <td className="kern-table__cell">{s.borrower.name}</td>
          <td className="kern-table__cell">
            {f.date(s.startsOn)}–{f.date(s.endsOn)}
          </td>
          <td className="kern-table__cell">{t(`secondments.states.${s.state}`)}</td>
        </tr>
      ))}
    </>
  );
}

/** The actor's secondments: what waits for them first, then all; and calendar subscriptions. */
export function SecondmentsPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const [items, setItems] = useState<Secondment[] | null>(null);
  const [feeds, setFeeds] = useState<Feed[]>([]);
  const [newUrl, setNewUrl] = useState<string | null>(null);
  const load = useCallback(async () => {
    const [list, feedList] = await Promise.all([api.GET("/api/v1/secondments"), api.GET("/api/v1/calendar-feeds")]);
    setItems(list.data?.items ?? []);
    setFeeds(feedList.data?.items ?? []);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const createFeed = async (scope: "person" | "department") => {
    const res = await api.POST("/api/v1/calendar-feeds", { body: { scope } });
    if (res.data) setNewUrl(res.data.url);
    await load();
  };
  const revoke = async (id: string) => {
    await api.DELETE("/api/v1/calendar-feeds/{id}", { params: { path: { id } } });
    setNewUrl(null);
    await load();
  };
  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
  const todo = items.filter((s) => s.isWaitingForMe);
  const columns = [
    { label: t("secondments.person") },
    { label: t("secondments.from") },
    { label: t("secondments.to") },
    { label: t("secondments.period") },
    { label: t("secondments.state") },
  ];
  const canDepartmentFeed = !!me?.department && (me.roles.includes("department_head") || me.roles.includes("org_admin"));
  return (
    <Page title={t("secondments.title")} intro={t("secondments.intro")}>
      {me?.abilities.configureSecondments || me?.abilities.deputize ? (
        <p>
          <Link to="/abordnungen/einstellungen" className="kern-link">
            {t("secondments.settings.nav")}
          </Link>
        </p>
      ) : null}
      <h2 className="kern-heading-medium">{t("secondments.todo")}</h2>
      {todo.length ? (
        <DataTable id="todo-caption" caption={t("secondments.todoCaption", { count: todo.length })} columns={columns}>
          <SecondmentRows items={todo} />
        </DataTable>
      ) : (
        <p className="kern-body">{t("secondments.todoNone")}</p>
      )}
      <h2 className="kern-heading-medium">{t("secondments.all")}</h2>
      {items.length ? (
        <DataTable id="all-caption" caption={t("secondments.caption", { count: items.length })} columns={columns}>
          <SecondmentRows items={items} />
        </DataTable>
      ) : (
        <p className="kern-body">{t("secondments.none")}</p>
      )}
      <section aria-labelledby="calendar-heading">
        <h2 className="kern-heading-medium" id="calendar-heading">
          {t("secondments.calendar")}
        </h2>
        <p className="kern-body">{t("secondments.calendarIntro")}</p>
        {newUrl ? (
          <Notice>
            {t("secondments.calendarCreated")} <code className="feed-url">{newUrl}</code>
          </Notice>
        ) : null}
        <p className="button-row">
          <Button type="button" kind="secondary" onClick={() => void createFeed("person")}>
            {t("secondments.calendarPerson")}
          </Button>
          {canDepartmentFeed ? (
            <Button type="button" kind="secondary" onClick={() => void createFeed("department")}>
              {t("secondments.calendarDepartment")}
            </Button>
          ) : null}
        </p>
        {feeds.length ? (
          <DataTable
            id="feeds-caption"
            caption={t("secondments.calendarCaption")}
            columns={[{ label: t("secondments.calendar") }, { label: t("pool.readAt") }, { label: t("accounts.actions"), action: true }]}
          >
            {feeds.map((feed) => (
              <tr key={feed.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {t(`secondments.calendarScope.${feed.scope}`)}
                  {feed.department ? ` (${feed.department})` : ""}
                </th>
                <td className="kern-table__cell">{f.dateTime(feed.createdAt)}</td>
                <td className="kern-table__cell kern-table__cell--action">
                  <Button type="button" kind="tertiary" onClick={() => void revoke(feed.id)}>
                    {t("secondments.calendarRevoke")}
                  </Button>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>
    </Page>
  );
}
