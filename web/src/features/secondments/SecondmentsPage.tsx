import { useState } from "react";
import { Link, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation, usePagedApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import { LoadMore, shownCount } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";
import type { CalendarFeeds, Secondments } from "./api";
import { de } from "./i18n.de";

type SecondmentState = Secondments["items"][number]["state"];

/**
 * The states a secondment can be in (the list's filter `?stand=`), as the API names them: the keys
 * of their German names, which name every state (the type says so), so no list of them is kept here.
 */
const SECONDMENT_STATES = Object.keys(de.secondments.states satisfies Record<SecondmentState, string>) as SecondmentState[];

/** A secondment as one table row: person (or a placeholder), parties, period, state; in the to-do list also the step. */
function SecondmentRows({ items, withStep }: { items: Secondments["items"]; withStep?: boolean }) {
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
          {withStep ? (
            <td className="kern-table__cell" data-label={t("secondments.todoStep")}>
              {s.nextStepForMe ? t(`secondments.steps.${s.nextStepForMe}`) : null}
            </td>
          ) : null}
          <td className="kern-table__cell" data-label={t("secondments.from")}>
            {s.lender.name}
          </td>
          <td className="kern-table__cell" data-label={t("secondments.to")}>
            {s.borrower.name}
          </td>
          <td className="kern-table__cell" data-label={t("secondments.period")}>
            <span className="nowrap">{f.date(s.startsOn)}</span>–<span className="nowrap">{f.date(s.endsOn)}</span>
          </td>
          <td className="kern-table__cell" data-label={t("secondments.state")}>
            {t(`secondments.states.${s.state}`)}
          </td>
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
  // `?stand=active`: the list of one state (the start page's figures link here).
  const search = useSearch({ strict: false }) as { stand?: string };
  const state = SECONDMENT_STATES.find((x) => x === search.stand);
  // What waits for the caller, and all of them (or those of one state): each list a page at a time.
  const todo = usePagedApi<Secondments>((cursor) => api.GET("/api/v1/secondments", { params: { query: { todo: "true", cursor } } }), []);
  const secondments = usePagedApi<Secondments>(
    (cursor) => api.GET("/api/v1/secondments", { params: { query: { cursor, ...(state ? { state } : {}) } } }),
    [state],
  );
  const feeds = useApi<CalendarFeeds>(() => api.GET("/api/v1/calendar-feeds"), []);
  const [newUrl, setNewUrl] = useState<string | null>(null);
  // A feed's address is shown once, right after it is created.
  const create = useMutation((scope: "person" | "department") => api.POST("/api/v1/calendar-feeds", { body: { scope } }), {
    async onSuccess(feed) {
      setNewUrl(feed.url);
      await feeds.reload();
    },
  });
  const revoke = useMutation((id: string) => api.DELETE("/api/v1/calendar-feeds/{id}", { params: { path: { id } } }), {
    async onSuccess() {
      setNewUrl(null);
      await feeds.reload();
    },
  });
  const items = secondments.data?.items;
  if (!items) return <QueryState query={secondments} title={t("secondments.title")} />;
  if (!todo.data) return <QueryState query={todo} title={t("secondments.title")} />;
  const waiting = todo.data.items;
  const columns = [
    { label: t("secondments.person") },
    { label: t("secondments.from") },
    { label: t("secondments.to") },
    { label: t("secondments.period") },
    { label: t("secondments.state") },
  ];
  return (
    <Page title={t("secondments.title")} intro={t("secondments.intro")}>
      {me?.abilities.configureSecondments || me?.abilities.deputize ? (
        <p>
          <Link to="/abordnungen/einstellungen" className="kern-link">
            {t("secondments.settings.nav")}
          </Link>
        </p>
      ) : null}
      <h2 className="kern-heading-medium" id="todo-heading">
        {t("secondments.todoHeading", { count: shownCount(todo) })}
      </h2>
      {waiting.length ? (
        <DataTable
          id="todo-table"
          labelledBy="todo-heading"
          stacked
          columns={[columns[0], { label: t("secondments.todoStep") }, ...columns.slice(1)]}
        >
          <SecondmentRows items={waiting} withStep />
        </DataTable>
      ) : todo.hasMore ? null : (
        <p className="kern-body">{t("secondments.todoNone")}</p>
      )}
      <LoadMore query={todo} label={t("secondments.todo")} />
      <h2 className="kern-heading-medium" id="all-heading">
        {state
          ? t("secondments.captionOfState", { count: shownCount(secondments), state: t(`secondments.states.${state}`) })
          : t("secondments.allHeading", { count: shownCount(secondments) })}
      </h2>
      {state ? (
        <p className="kern-body">
          <Link to="/abordnungen" className="kern-link">
            {t("secondments.showAll")}
          </Link>
        </p>
      ) : null}
      {items.length ? (
        <DataTable id="all-table" labelledBy="all-heading" stacked columns={columns}>
          <SecondmentRows items={items} />
        </DataTable>
      ) : (
        <p className="kern-body">{t("secondments.none")}</p>
      )}
      <LoadMore query={secondments} label={t("secondments.all")} />
      <section aria-labelledby="calendar-heading">
        <h2 className="kern-heading-medium" id="calendar-heading">
          {t("secondments.calendar")}
        </h2>
        <p className="kern-body">{t("secondments.calendarIntro")}</p>
        <ErrorSummary problem={create.problem ?? revoke.problem} labels={{ scope: t("secondments.calendar") }} />
        {newUrl ? (
          <Notice>
            {t("secondments.calendarCreated")} <code className="feed-url">{newUrl}</code>
          </Notice>
        ) : null}
        <p className="button-row">
          <Button type="button" kind="secondary" onClick={() => void create.run("person")}>
            {t("secondments.calendarPerson")}
          </Button>
          {feeds.data?.abilities.createDepartmentFeed ? (
            <Button type="button" kind="secondary" onClick={() => void create.run("department")}>
              {t("secondments.calendarDepartment")}
            </Button>
          ) : null}
        </p>
        {feeds.data?.items.length ? (
          <DataTable
            id="feeds-caption"
            caption={t("secondments.calendarCaption")}
            columns={[{ label: t("secondments.calendar") }, { label: t("pool.readAt") }, { label: t("accounts.actions"), action: true }]}
          >
            {feeds.data.items.map((feed) => (
              <tr key={feed.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {t(`secondments.calendarScope.${feed.scope}`)}
                  {feed.department ? ` (${feed.department})` : ""}
                </th>
                <td className="kern-table__cell">{f.dateTime(feed.createdAt)}</td>
                <td className="kern-table__cell kern-table__cell--action">
                  <Button type="button" kind="tertiary" onClick={() => void revoke.run(feed.id)}>
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
