# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import heapq
import logging
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

import pytz

# In Odoo's own requirements (its gevent server runs on it).
from greenlet import getcurrent, greenlet
from lxml import etree

from odoo import api, fields, models
from odoo.tools import file_open, plaintext2html
from odoo.tools.convert import xml_import
from odoo.tools.safe_eval import safe_eval

from .telecom_order_demo import _DEMO_CLOCK

_logger = logging.getLogger(__name__)

# The call that starts an order's story in the demo's story files.
STORY_START = "_demo_clock_order"


class TelecomOrderDemo(models.AbstractModel):
    """How the demo's orders reach the product: their stories played in the
    order of time, each order sent through the code of its channel by the person
    who sends it, and the mail queue run on the simulated clock (see
    telecom.order's demo clock)."""

    _name = "telecom.order.demo"
    _description = "Demo History of Orders"

    # The stories, in the order of time

    @api.model
    def _demo_play_stories(self, paths, module="oms_telecom"):
        """Play the orders' stories told in the demo files `paths` of `module`
        in the order of their first moment, across the files: the orders
        then arrive, and take their numbers, in the order of time, as they do in
        production. A story starts at a `_demo_clock_order` call and runs up to
        the next one; what a file does before its first story is done first."""
        preambles, stories = [], []
        for path in paths:
            with file_open(f"{module}/{path}", "rb") as file:
                root = etree.parse(file).getroot()
            story = None
            for element in root:
                if not isinstance(element.tag, str):
                    continue  # a comment
                if element.tag == "function" and element.get("name") == STORY_START:
                    story = (_story_moment(element), len(stories), (module, path), [])
                    stories.append(story)
                if story:
                    story[3].append(element)
                else:
                    preambles.append(((module, path), element))
        for source, element in preambles:
            self._demo_play_elements(source, [element])
        self._demo_play_side_by_side(stories)

    @api.model
    def _demo_play_side_by_side(self, stories):
        """Play the `stories` (moment, index, (module, path), elements) side by side, as
        their people live them: each story runs until its clock would pass the
        next moment of another, waits there (see _demo_wait_for_other_stories)
        and goes on when the clock comes to it. Whatever a story does later
        (a visit days after its order) then happens after what the others do
        before, and takes its number (work orders) after theirs."""
        Order = self.env["telecom.order"]
        waiting = []
        for moment, index, source, elements in stories:
            story = greenlet(lambda source=source, elements=elements: self._demo_play_elements(source, elements))
            heapq.heappush(waiting, (Order._demo_time(*moment), index, story))
        _DEMO_CLOCK["stories"] = {"waiting": waiting, "index": {story: index for _m, index, story in waiting}}
        try:
            while waiting:
                _moment, _index, story = heapq.heappop(waiting)
                story.switch()
        finally:
            _DEMO_CLOCK.pop("stories", None)

    @api.model
    def _demo_wait_for_other_stories(self, target):
        """Called by the story being played before its clock moves to `target`:
        the stories with something to do before then do it first."""
        stories = _DEMO_CLOCK.get("stories")
        story = getcurrent()
        index = stories and stories["index"].get(story)
        if index is None:
            return
        waiting = stories["waiting"]
        if waiting and waiting[0][:2] < (target, index):
            heapq.heappush(waiting, (target, index, story))
            story.parent.switch()

    @api.model
    def _demo_play_elements(self, source, elements):
        """Load the data `elements` of the demo file `source` (module, path), as
        its installation would."""
        module, path = source
        document = etree.Element("odoo")
        document.extend(elements)
        xml_import(self.env, module, {}, mode="init", noupdate=True, xml_filename=path).parse(document)

    # Orders sent through the code of their channel, by the person who sends them

    @api.model
    def _demo_send_from_portal(self, xmlid, user_id, vals):
        """The portal user `user_id` sends an order from the portal: the intake
        accepts it for them as the portal's guided forms do (they follow it and
        get its receipt), then the planning job plans it."""
        user = self.env["res.users"].browse(user_id)
        partner = user.partner_id
        vals = dict(vals, partner_id=partner.id)
        if vals.get("description"):
            vals["description"] = plaintext2html(vals["description"])
        order_sudo = self.env["telecom.order.intake"].with_user(user).sudo()._accept([vals])
        order_sudo.message_subscribe(partner_ids=partner.ids)
        order_sudo._telecom_send_order_receipt()
        self._demo_name_record(xmlid, order_sudo)
        self._demo_run_planning_job()
        return order_sudo.id

    @api.model
    def _demo_send_from_web_form(self, xmlid, vals):
        """A visitor sends the public order form: the intake accepts the order
        for the public user as the form does, the form confirms it (see
        _demo_web_form_sent), then the planning job plans it."""
        public_user = self.env.ref("base.public_user")
        order_sudo = self.env["telecom.order.intake"].with_user(public_user).sudo()._accept([vals])
        self._demo_name_record(xmlid, order_sudo)
        self._demo_web_form_sent(order_sudo)
        self._demo_run_planning_job()
        return order_sudo.id

    @api.model
    def _demo_web_form_sent(self, order_sudo):
        """What the public order form does once it stored the order (its
        confirmation e-mail is the portal addon's)."""

    @api.model
    def _demo_send_by_email(self, xmlid, partner_id, subject, body):
        """The subscriber `partner_id` writes to the support address: Odoo's mail
        gateway opens the order from the e-mail, as it does from the mail server
        (the gateway's login is the administrator's), and sends its receipt."""
        partner = self.env["res.partner"].browse(partner_id)
        alias = self.env.ref("oms_telecom.mail_alias_telecom_support")
        domain = alias.alias_domain_id.name or self.env.company.email.split("@")[-1]
        message = EmailMessage()
        message["From"] = formataddr((partner.name, partner.email))
        message["To"] = formataddr((self.env.company.name, f"{alias.alias_name}@{domain}"))
        message["Subject"] = subject
        message["Date"] = format_datetime(pytz.utc.localize(fields.Datetime.now()))
        message["Message-ID"] = make_msgid(domain=partner.email.split("@")[-1])
        message.set_content(body)
        gateway = self.env["mail.thread"].with_user(self.env.ref("base.user_admin"))
        order_id = gateway.message_process("telecom.order", message.as_bytes())
        self._demo_name_record(xmlid, self.env["telecom.order"].browse(order_id))
        return order_id

    @api.model
    def _demo_run_planning_job(self):
        """The scheduled action 'Plan Received Orders', woken by the intake, runs
        as its user until every received order is planned."""
        cron = self.env.ref("oms_telecom.ir_cron_telecom_plan_received_orders").sudo()
        intake = self.env["telecom.order.intake"].with_user(cron.user_id)
        while intake._cron_plan_received():
            pass

    @api.model
    def _demo_name_record(self, xmlid, record):
        """Give the record made by the product's code the demo's external id."""
        if "." not in xmlid:
            xmlid = f"oms_telecom.{xmlid}"
        self.env["ir.model.data"]._update_xmlids([{"xml_id": xmlid, "record": record, "noupdate": True}])

    # E-mails sent when they were written

    @api.model
    def _demo_send_mail_queue(self):
        """The mail queue's scheduled action, on the demo's simulated clock: the
        e-mails due are sent when they were written, dated then, rather than all
        at once when the server first starts. Without a mail server to take them
        (an installation outside `make run`), they wait in the queue as usual."""
        if not self._demo_mail_server_answers():
            return
        now = fields.Datetime.now()
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("state", "=", "outgoing"), "|", ("scheduled_date", "=", False), ("scheduled_date", "<=", now)])
        )
        # One transaction: the scheduled action's commit after each batch would end the demo's.
        mails.send(auto_commit=False)

    @api.model
    def _demo_mail_server_answers(self):
        """Whether the outgoing mail server answers, asked once per clock run."""
        if "mail_server_answers" not in _DEMO_CLOCK:
            try:
                self.env["ir.mail_server"].connect().quit()
                _DEMO_CLOCK["mail_server_answers"] = True
            except Exception as error:  # noqa: BLE001 - any failure to connect means: no server
                _logger.info("Demo e-mails are left in the mail queue: %s", error)
                _DEMO_CLOCK["mail_server_answers"] = False
        return _DEMO_CLOCK["mail_server_answers"]


def _story_moment(element):
    """(days, hour, minute) of the `_demo_clock_order` call `element`."""
    days, hour, *minute = safe_eval(element.get("eval"))
    return days, hour, minute[0] if minute else 0
