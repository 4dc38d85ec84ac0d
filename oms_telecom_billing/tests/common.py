# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command, fields

from odoo.addons.oms_telecom.tests.common import oms_new_test_user
from odoo.addons.oms_telecom.tests.scenario_common import ScenarioCase


class BillingCase(ScenarioCase):
    """The core's small world, plus prices without taxes (amounts read as the
    contract computes them), a minimum term and a service billed in arrears."""

    # Whether the tests run the invoicing of every contract due (the demo's set aside).
    invoicing_run = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_billing = oms_new_test_user(
            cls.env,
            login="oms_test_billing",
            name="Bill Billing",
            groups="account.group_account_invoice,oms_telecom.group_oms_operator",
        )
        cls.division_sales.member_ids |= cls.user_billing
        cls.sale_journal = cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        )
        templates = cls.tmpl_fiber_100 | cls.tmpl_fiber_500 | cls.tmpl_phone
        templates.taxes_id = False
        cls.env.ref("oms_telecom_billing.product_installation_fee").taxes_id = False
        cls.tmpl_fiber_100.telecom_minimum_term = 12
        cls.tmpl_phone.telecom_invoicing_type = "post-paid"
        # Invoices stay drafts unless a test posts them (the demo company posts them).
        cls.company.telecom_invoice_auto_post = False
        if cls.invoicing_run:
            # The demo's contracts have periods due in the weeks the tests invoice.
            cls.env["contract.contract"].search([]).write({"active": False})

    def setUp(self):
        super().setUp()
        self.assertTrue(self.sale_journal, "invoicing needs a sale journal (a chart of accounts)")

    def _connect(self, day, product=None, parameters=None, partner=None):
        """A connection order completed on `day` by the technician's work order."""
        product = product or self.fiber_500
        with freeze_time(day):
            order = self._create_order(
                partner=partner,
                lines=[{"product_id": product.id, "parameters": parameters or {"bandwidth": 1000}}],
                no_scenario=True,
            )
            order.action_submit()
            self._complete_work(order)
        self.assertEqual(order.state, "completed")
        return order.line_ids.service_id.with_env(self.env)

    def _change(self, day, service, product, parameters=None):
        with freeze_time(day):
            order = self._create_order(
                partner=service.partner_id,
                order_type="change",
                lines=[{"service_id": service.id, "product_id": product.id, "parameters": parameters or {}}],
                no_scenario=True,
            )
            order.action_submit()
            self._complete_work(order, kind="configuration")
        return order.with_env(self.env)

    def _disconnect(self, day, service):
        with freeze_time(day):
            order = self._create_order(
                partner=service.partner_id,
                order_type="disconnection",
                lines=[{"service_id": service.id}],
                no_scenario=True,
            )
            order.action_submit()
            self._complete_work(order, kind="equipment_return")
        return order.with_env(self.env)

    def _complete_work(self, order, kind="installation"):
        work_order = self._create_work_order(order, order.line_ids, kind)
        self._as_technician(work_order).action_start()
        self._as_technician(work_order).action_done("Done on site.")

    def _invoice(self, day, contract):
        """Run the contract module's scheduled invoicing on `day`; the invoices it made."""
        with freeze_time(day):
            before = contract._get_related_invoices()
            self.env["contract.contract"].cron_recurring_create_invoice(fields.Date.to_date(day))
            return contract._get_related_invoices() - before

    def _lines_of(self, invoice):
        """(product, quantity, subtotal) of each invoice line, by subtotal."""
        return sorted(
            ((line.product_id, line.quantity, line.price_subtotal) for line in invoice.invoice_line_ids),
            key=lambda line: line[2],
        )


class TwoSubscribersCase(BillingCase):
    """Two subscribers who must never see each other's records: subscriber A is the
    company subscriber, through its portal contact (`user_portal`); subscriber B is
    the other individual, with a portal login of their own (`user_portal_other`).
    `_own_world` gives one of them records of every kind a subscriber owns: each
    test starts with A's (`mine`) and B's (`theirs`)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal_other = cls.env["res.users"].create(
            {
                "login": "oms_test_portal_other",
                "password": "oms_test_portal_other",
                "partner_id": cls.other_individual.id,
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )

    def setUp(self):
        super().setUp()
        self.mine = self._own_world(self.user_portal, self.company_subscriber, self.premises_office, self.fiber_100)
        self.theirs = self._own_world(
            self.user_portal_other, self.other_individual, self.premises_cottage, self.fiber_500
        )

    def _own_world(self, user, partner, premises, product, day="2026-11-16"):
        """`partner`'s records of every kind, `user` being their portal login: a
        completed connection at `premises` (order, line, work order, service, a billed
        contract with its lines and modifications), a posted invoice, an open order
        driven by a scenario (steps) with a document and a message to the
        subscriber, a saved filter, a chat with the operator and an online presence."""
        with freeze_time(day):
            connection = self._create_order(
                partner=partner, premises=premises, lines=[{"product_id": product.id}], no_scenario=True
            )
            connection.action_submit()
            self._complete_work(connection)
        connection = connection.with_env(self.env)
        service = connection.line_ids.service_id
        contract = service.contract_id
        invoice = self._invoice(day, contract)
        with freeze_time(day):
            invoice.action_post()
        order = self._create_order(partner=partner, premises=premises, lines=[{"product_id": self.phone.id}])
        order = order.with_env(self.env)
        order.action_submit()
        document = order._add_document(f"{partner.name}.pdf", b"%PDF-1.4\n%%EOF\n", "id_copy")
        order.message_post(
            body=f"A word for {partner.name}",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=partner.ids,
        )
        self.env["ir.filters"].create(
            {"name": f"Filter of {partner.name}", "model_id": "telecom.order", "user_id": user.id}
        )
        self.env["bus.presence"].create({"user_id": user.id, "status": "online"})
        chat = self.env["discuss.channel"].with_user(self.user_operator).channel_get(partner.ids)
        world = {
            "connection": connection,
            "order": order,
            "service": service,
            "contract": contract,
            "invoice": invoice,
            "document": document,
            "chat": chat,
        }
        self.assertTrue(contract.contract_line_ids, "a billed contract with lines")
        self.assertTrue(contract.modification_ids, "a contract with modifications")
        self.assertTrue(order.order_step_ids, "an order driven by a scenario")
        self.assertTrue(connection.work_order_ids, "a connection done by a work order")
        self.assertEqual(invoice.state, "posted")
        return world
