import { Type } from 'typebox';
import type { App } from '../../packages/platform/index.ts';
import type { CalendarService } from './calendar.service.ts';
import { errors, IsoDate, TAGS, Uuid } from './catalog.schemas.ts';

const Year = Type.Integer({ minimum: 1900, maximum: 2199 });
const AgencyQuery = { agencyId: Type.Optional(Uuid) };

const DayOffSchema = Type.Object({
  date: Type.String(),
  weekday: Type.String(),
  kind: Type.Union([Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('compensatory'), Type.Literal('swapped_off'), Type.Literal('day_off')]),
  name: Type.String(),
  nameEn: Type.String(),
  source: Type.Union([Type.Literal('law'), Type.Literal('decision'), Type.Literal('exception')]),
  provisional: Type.Optional(Type.Boolean({ description: 'Proposed by the Labour Code rule for a year whose days off are not announced yet' })),
  document: Type.Optional(Type.String({ description: 'Legal basis and document number of the decision' })),
  exceptionId: Type.Optional(Type.String()),
}, { $id: 'DayOff' });

const ExceptionSchema = Type.Object({
  id: Type.String(),
  date: Type.String(),
  kind: Type.Union([Type.Literal('day_off'), Type.Literal('working_day')]),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String(),
}, { $id: 'CalendarException' });

export async function calendarRoutes(app: App, calendar: CalendarService): Promise<void> {
  app.get(
    '/calendar/add-working-days',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'addWorkingDays',
        tags: TAGS,
        summary: 'Due date: the n-th working day after start (the start day itself is not counted); days=0: the first working day on or after start',
        querystring: Type.Object({ start: IsoDate, days: Type.Integer({ minimum: 0, maximum: 3650 }), ...AgencyQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({ start: Type.String(), days: Type.Integer(), agencyId: Type.Union([Type.String(), Type.Null()]), result: Type.String() }, { $id: 'DueDate' }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const { start, days, agencyId } = request.query;
      return { start, days, agencyId: agencyId ?? null, result: await calendar.addWorkingDays(start, days, agencyId) };
    },
  );

  app.get(
    '/calendar/working-days-between',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'countWorkingDaysBetween',
        tags: TAGS,
        summary: 'Working days in (from, to]: from itself not counted, to counted',
        querystring: Type.Object({ from: IsoDate, to: IsoDate, ...AgencyQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({ from: Type.String(), to: Type.String(), agencyId: Type.Union([Type.String(), Type.Null()]), workingDays: Type.Integer() }, { $id: 'WorkingDayCount' }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const { from, to, agencyId } = request.query;
      return { from, to, agencyId: agencyId ?? null, workingDays: await calendar.workingDaysBetween(from, to, agencyId) };
    },
  );

  app.get(
    '/calendar/exceptions',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listCalendarExceptions',
        tags: TAGS,
        summary: 'Extra days off and working days entered by administrators in a year',
        querystring: Type.Object({ year: Year, ...AgencyQuery }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ExceptionSchema) }, { $id: 'CalendarExceptionList' }), ...errors(400, 404) },
      },
    },
    async (request) => ({ items: await calendar.listExceptions(request.query.year, request.query.agencyId) }),
  );

  app.post(
    '/calendar/exceptions',
    {
      config: { access: 'calendar.edit' },
      schema: {
        operationId: 'createCalendarException',
        tags: TAGS,
        summary: 'Add an extra day off or a working day (province-wide, or for an agency and its subtree)',
        body: Type.Object(
          {
            date: IsoDate,
            kind: Type.Union([Type.Literal('day_off'), Type.Literal('working_day')]),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
            agencyId: Type.Optional(Type.Union([Uuid, Type.Null()])),
          },
          { $id: 'NewCalendarException', additionalProperties: false },
        ),
        response: { 201: ExceptionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await calendar.addException(request.principal, request.body)),
  );

  app.delete(
    '/calendar/exceptions/:id',
    {
      config: { access: 'calendar.edit' },
      schema: {
        operationId: 'deleteCalendarException',
        tags: TAGS,
        summary: 'Remove a calendar exception',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await calendar.removeException(request.principal, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/calendar/years/:year',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCalendarYear',
        tags: TAGS,
        summary: 'Days off in a year with their reasons (holidays, days in lieu, extra days off; weekends on request)',
        params: Type.Object({ year: Year }, { additionalProperties: false }),
        querystring: Type.Object({ ...AgencyQuery, includeWeekends: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            agencyId: Type.Union([Type.String(), Type.Null()]),
            nationalDayAdjacent: Type.Union([Type.Literal('before'), Type.Literal('after')]),
            decided: Type.Boolean({ description: 'False when the days off are only proposed by the Labour Code rule (provisional)' }),
            daysOff: Type.Array(DayOffSchema),
            workingDays: Type.Array(
              Type.Object({ date: Type.String(), weekday: Type.String(), name: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]),
                exceptionId: Type.Union([Type.String(), Type.Null()]), document: Type.Union([Type.String(), Type.Null()]) }, { $id: 'ExtraWorkingDay' }),
            ),
          }, { $id: 'YearCalendar' }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => calendar.yearCalendar(request.params.year, request.query.agencyId, request.query.includeWeekends),
  );

  app.put(
    '/calendar/years/:year/rules',
    {
      config: { access: 'calendar.edit' },
      schema: {
        operationId: 'setCalendarYearRules',
        tags: TAGS,
        summary: 'Choose the day next to National Day for a year: 1/9 (before, default) or 3/9 (after)',
        params: Type.Object({ year: Year }, { additionalProperties: false }),
        body: Type.Object({ nationalDayAdjacent: Type.Union([Type.Literal('before'), Type.Literal('after')]) }, { $id: 'YearRulesInput', additionalProperties: false }),
        response: { 200: Type.Object({ nationalDayAdjacent: Type.Union([Type.Literal('before'), Type.Literal('after')]) }, { $id: 'YearRules' }), ...errors(400, 401, 403) },
      },
    },
    async (request) => calendar.setYearRules(request.principal, request.params.year, request.body),
  );
}
